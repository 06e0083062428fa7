# The Looker subgraph's image: `docker build -t looker-subgraph .` (see docs/production.md#deploying).
#
# Two stages. `build` installs everything (dev dependencies included) and compiles to dist/; the
# Compose file (deploy/compose.yaml) also runs the Looker emulator and the demo issuer from it.
# `production` holds the production dependencies, dist/ and the files dist/ reads at run time
# (package.json, whose folder is the project root, and schema/*.graphql), and nothing else: no
# sources, no emulator, no demo, no npm cache.
#
# The base is pinned by version (the Node release the benchmark ran on); pin it by digest too
# (node:20.20.2-bookworm-slim@sha256:…) where your registry policy asks for it.

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change reuses the installed layer. The emulator's package.json
# is there because it is a workspace of the lock file.
COPY package.json package-lock.json .npmrc ./
COPY emulator/package.json emulator/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20.20.2-bookworm-slim AS production
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# The command of docs/production.md: without --workspaces=false npm would install the emulator too.
RUN npm ci --omit=dev --workspaces=false && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
# Everything above belongs to root and is read-only to the process: the subgraph writes nothing to
# disk (the audit trail and the log go to standard output and error), so the root filesystem may
# be mounted read-only. Numeric, so Kubernetes' runAsNonRoot can check it: the image's `node` user.
USER 1000:1000
EXPOSE 4000 9464
# Node as PID 1, with no init: the subgraph handles SIGTERM and SIGINT itself (src/main.ts drains,
# then exits) and starts no child process, so there is no signal to forward and no zombie to reap.
# `npm run serve` would put npm in between, which needs a writable home: run node directly.
ENTRYPOINT ["node", "dist/src/main.js"]
# slim images have no curl: Node's own fetch asks /healthz (200 for as long as the process serves).
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
