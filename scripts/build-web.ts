/**
 * Bundles the browser front ends with esbuild into `dist/web/`: the GraphiQL explorer
 * (`web/graphiql/`) and the dashboard viewer example (`examples/dashboard-viewer/client/`).
 * Everything they need comes from node_modules at build time, so the pages load nothing from
 * another host. A build is skipped when none of the previous build's inputs changed.
 *
 * Usage: npx tsx scripts/build-web.ts [--force]
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { webAssetsRoot } from '../src/graphiql/web-assets';
import { projectRoot } from '../src/config/project-root';

/** What a call of {@link buildWeb} did. */
export interface WebBuildResult {
  /** False when the previous build was still fresh. */
  readonly built: boolean;
  readonly outDir: string;
  readonly milliseconds: number;
  /** Output files, relative to `outDir`, with their sizes in bytes. */
  readonly files: Readonly<Record<string, number>>;
}

/** Options of {@link buildWeb}. */
export interface WebBuildOptions {
  /** Build even when the previous build is fresh. */
  readonly force?: boolean;
}

interface BuildStamp {
  readonly inputs: Record<string, { size: number; mtimeMs: number }>;
  readonly files: Record<string, number>;
}

const STAMP_FILE = 'build-stamp.json';

/** The entry points, each written to `<out>.js` (and `<out>.css` when it imports CSS) under `dist/web`. */
const entryPoints = [
  { in: 'web/graphiql/main.tsx', out: 'graphiql/graphiql' },
  { in: 'examples/dashboard-viewer/client/main.ts', out: 'dashboard-viewer/app' },
];

/** The previous build's stamp, when every input it recorded is unchanged. */
function freshStamp(root: string, outDir: string): BuildStamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP_FILE), 'utf8')) as BuildStamp;
    for (const [input, seen] of Object.entries(stamp.inputs)) {
      const now = statSync(join(root, input));
      if (now.size !== seen.size || now.mtimeMs !== seen.mtimeMs) return undefined;
    }
    for (const file of Object.keys(stamp.files)) statSync(join(outDir, file));
    return stamp;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary name: two builds at once (parallel test files) never expose half a file. */
function writeAtomically(path: string, contents: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function stampOf(root: string, metafile: Metafile, files: Record<string, number>): BuildStamp {
  const inputs: BuildStamp['inputs'] = {};
  for (const input of Object.keys(metafile.inputs)) {
    const { size, mtimeMs } = statSync(join(root, input));
    inputs[input] = { size, mtimeMs };
  }
  return { inputs, files };
}

/** Bundles the front ends into `dist/web/` unless the last build is still fresh. */
export async function buildWeb(options: WebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now();
  const root = projectRoot();
  const outDir = webAssetsRoot();
  const fresh = options.force ? undefined : freshStamp(root, outDir);
  if (fresh) return { built: false, outDir, milliseconds: performance.now() - started, files: fresh.files };

  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir: outDir,
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome115', 'firefox115', 'safari16'],
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Fonts and images end up inside the CSS as data: URLs, so the page never asks another host.
    loader: {
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
      '.ttf': 'dataurl',
      '.png': 'dataurl',
      '.svg': 'dataurl',
      '.gif': 'dataurl',
    },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const files: Record<string, number> = {};
  for (const file of result.outputFiles) {
    writeAtomically(file.path, file.contents);
    files[relative(outDir, file.path)] = file.contents.byteLength;
  }
  writeAtomically(join(outDir, STAMP_FILE), JSON.stringify(stampOf(root, result.metafile, files)));
  return { built: true, outDir, milliseconds: performance.now() - started, files };
}

if (require.main === module) {
  buildWeb({ force: process.argv.includes('--force') }).then(
    (result) => {
      const scripts = Object.entries(result.files).filter(([file]) => /\.(js|css)$/.test(file));
      const sizes = scripts.map(([file, bytes]) => `${file} ${Math.round(bytes / 1024)} KiB`).join(', ');
      console.log(
        `web assets ${result.built ? `built in ${result.milliseconds.toFixed(0)} ms` : 'up to date'}: ${relative(process.cwd(), result.outDir) || '.'} (${sizes})`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
