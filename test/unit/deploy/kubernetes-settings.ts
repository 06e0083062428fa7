import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** deploy/kubernetes/, the manifests a platform applies. */
export const kubernetesFolder = join(__dirname, '..', '..', '..', 'deploy', 'kubernetes');

/** A manifest as parsed: the fields read here, the rest kept as it is. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly [field: string]: unknown;
}

/** Every document of every YAML file of deploy/kubernetes/, with its file name. */
export function kubernetesDocuments(): { file: string; manifest: Manifest }[] {
  return readdirSync(kubernetesFolder)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(kubernetesFolder, file), 'utf8')).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
        return { file, manifest: doc.toJS() as Manifest };
      }),
    );
}

/** The one manifest of `kind` named `name`. */
export function kubernetesManifest<T>(kind: string, name = 'looker-subgraph'): T {
  const found = kubernetesDocuments().filter((d) => d.manifest.kind === kind && d.manifest.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0]?.manifest as T;
}

/** What a pod of the Deployment gets, with the mounted files placed elsewhere (tests have no volumes). */
export interface PodSettings {
  /** The environment: the env ConfigMap, then the container's own `env`, file paths moved. */
  readonly env: Record<string, string>;
  /** Each mounted file's content, by its path in `env` (the Secret's keys, the policy file). */
  readonly files: Record<string, string>;
}

/**
 * The environment and the mounted files of the Deployment's container, as the kubelet would give
 * them, except that each mounted file lives under `mountRoot` (named by its key): `*_FILE`
 * settings and `POLICY_FILE` point there. Secrets come from secret.example.yaml.
 */
export function podSettings(mountRoot: string): PodSettings {
  const container = (
    kubernetesManifest<{ spec: { template: { spec: { containers: { env: { name: string; value: string }[] }[] } } } }>(
      'Deployment',
    ).spec.template.spec.containers[0] ?? { env: [] }
  ).env;
  const configMap = kubernetesManifest<{ data: Record<string, string> }>('ConfigMap', 'looker-subgraph-env').data;
  const policy = kubernetesManifest<{ data: Record<string, string> }>('ConfigMap', 'looker-subgraph-policy').data;
  const secret = kubernetesManifest<{ stringData: Record<string, string> }>('Secret').stringData;
  const env: Record<string, string> = { ...configMap, ...Object.fromEntries(container.map((e) => [e.name, e.value])) };
  const files: Record<string, string> = {};
  for (const [name, path] of Object.entries(env)) {
    const key = basename(path);
    // POLICY_FILE ends in _FILE too, but names the policy ConfigMap's file, not a secret.
    const content = name === 'POLICY_FILE' ? policy[key] : name.endsWith('_FILE') ? secret[key] : undefined;
    if (content === undefined) continue;
    env[name] = join(mountRoot, key);
    files[env[name]] = content;
  }
  return { env, files };
}
