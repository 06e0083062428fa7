import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { envSchema, loadConfig } from '../../../src/config';
import { parsePolicyText } from '../../../src/policy';
import { kubernetesDocuments, kubernetesManifest, podSettings } from './kubernetes-settings';

/**
 * deploy/kubernetes/: every manifest validates against the Kubernetes API's JSON schemas
 * (kubernetes-models), and the facts that tie it to the subgraph hold: the settings are ones the
 * subgraph accepts (its own loadConfig, with the Secret's keys as the files it mounts), the
 * probes and ports are the subgraph's, the shutdown fits in the termination grace period.
 */

const documents = kubernetesDocuments();
const manifests = documents.filter((d) => d.manifest.kind !== 'Kustomization');

/** The Kubernetes model of each kind the folder holds, whose `validate()` checks the API schema. */
const models: Record<string, { new (data: never): { validate(): void } }> = {
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
  'v1 ServiceAccount': ServiceAccount,
};
const find = kubernetesManifest;

interface Probe {
  httpGet: { path: string; port: string };
  periodSeconds: number;
  failureThreshold: number;
}
interface Container {
  image: string;
  ports: { name: string; containerPort: number }[];
  envFrom: { configMapRef: { name: string } }[];
  env: { name: string; value: string }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  readinessProbe: Probe;
  livenessProbe: Probe;
  startupProbe: Probe;
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string; readOnly: boolean; subPath?: string }[];
}
interface PodSpec {
  terminationGracePeriodSeconds: number;
  automountServiceAccountToken: boolean;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; secret?: { secretName: string }; configMap?: { name: string } }[];
}
interface DeploymentManifest {
  spec: { replicas: number; template: { metadata: { annotations: Record<string, string> }; spec: PodSpec } };
}

const deployment = find<DeploymentManifest>('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0] as Container;
const envConfigMap = find<{ data: Record<string, string> }>('ConfigMap', 'looker-subgraph-env');
const policyConfigMap = find<{ data: Record<string, string> }>('ConfigMap', 'looker-subgraph-policy');
const secret = find<{ stringData: Record<string, string> }>('Secret');

/** The mount path of the volume that holds `source` (a Secret or ConfigMap name). */
function mountOf(source: string): string {
  const volume = pod.volumes.find((v) => v.secret?.secretName === source || v.configMap?.name === source);
  const mount = container.volumeMounts.find((m) => m.name === volume?.name);
  if (!mount) throw new Error(`${source} is not mounted`);
  return mount.mountPath;
}

test.each(manifests.map((d) => [`${d.file}: ${d.manifest.kind} ${d.manifest.metadata.name}`, d.manifest]))(
  '%s validates against the Kubernetes API schema',
  (_name, manifest) => {
    const Model = models[`${manifest.apiVersion} ${manifest.kind}`];
    expect(Model).toBeDefined();
    expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate()).not.toThrow();
  },
);

test('the schema validation refuses what the API server would (a port given as text)', () => {
  const broken = structuredClone(deployment) as unknown as DeploymentManifest;
  (broken.spec.template.spec.containers[0] as unknown as { ports: unknown[] }).ports = [{ containerPort: '4000' }];
  expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort must be integer/);
});

test('kustomization.yaml applies every manifest but the Secret example, and each file once', () => {
  const kustomization = documents.find((d) => d.manifest.kind === 'Kustomization')?.manifest as unknown as {
    resources: string[];
  };
  const files = [...new Set(manifests.map((d) => d.file))].filter((file) => file !== 'secret.example.yaml');
  expect([...kustomization.resources].sort()).toEqual(files.sort());
});

test('the settings are ones the subgraph knows and accepts, the Secret mounted as the files its *_FILE settings name', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'k8s-settings-'));
  try {
    const settings = podSettings(scratch);
    for (const [path, content] of Object.entries(settings.files)) writeFileSync(path, content);
    const env: Record<string, string> = { NODE_ENV: 'production', ...settings.env };
    const known = new Set(Object.keys(envSchema.shape));
    // NODE_OPTIONS is Node's own.
    expect(Object.keys(env).filter((name) => !known.has(name) && name !== 'NODE_OPTIONS')).toEqual([]);
    // Every *_FILE setting names a key of the Secret, under the Secret's mount; the policy file is the ConfigMap's.
    const fileSettings = container.env.filter((e) => e.name.endsWith('_FILE'));
    const secretsDir = mountOf('looker-subgraph');
    expect(fileSettings.map((e) => dirname(e.value))).toEqual(fileSettings.map(() => secretsDir));
    expect(fileSettings.map((e) => basename(e.value)).sort()).toEqual(Object.keys(secret.stringData).sort());
    expect(envConfigMap.data['POLICY_FILE']).toBe(`${mountOf('looker-subgraph-policy')}/policy.yaml`);

    const config = loadConfig(env);
    expect(config.demo).toBeUndefined();
    expect(config.exports.secret).toBeDefined();
    expect(config.looker.clientSecretFile).toBe(join(scratch, 'looker-client-secret'));
    expect(config.policyFile).toBe(join(scratch, 'policy.yaml'));
    expect(config.observability.metrics).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(parsePolicyText(policyConfigMap.data['policy.yaml'] ?? '', 'policy.yaml').rules.length).toBeGreaterThan(0);

    // Drain, then grace, then the 5 s src/main.ts allows itself to close: all before the SIGKILL.
    const shutdownSeconds = (config.shutdownDrainMs + config.shutdownGraceMs) / 1000 + 5;
    expect(shutdownSeconds).toBeLessThan(pod.terminationGracePeriodSeconds);
    // The drain outlasts the readiness probe's detection of the 503.
    const probe = container.readinessProbe;
    expect(config.shutdownDrainMs / 1000).toBeGreaterThan(probe.periodSeconds * probe.failureThreshold);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('probes, ports and scraping point at what the subgraph serves', () => {
  expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
  expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  const ports = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
  expect(ports).toEqual({
    http: Number(envConfigMap.data['PORT']),
    metrics: Number(envConfigMap.data['METRICS_PORT']),
  });
  expect(deployment.spec.template.metadata.annotations).toMatchObject({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(ports['metrics']),
    'prometheus.io/path': '/metrics',
  });
  const service = find<{ spec: { ports: { targetPort: string }[] } }>('Service');
  expect(service.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
  expect(container.envFrom).toEqual([{ configMapRef: { name: 'looker-subgraph-env' } }]);
});

test('locked down: non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.securityContext['runAsUser']).toBeGreaterThan(0);
  expect(container.securityContext).toEqual({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(pod.automountServiceAccountToken).toBe(false);
  // Whole-directory mounts: a subPath mount would never see a rotated secret or an edited policy.
  expect(container.volumeMounts.every((m) => m.readOnly && m.subPath === undefined)).toBe(true);
});

test('three replicas, at most one disrupted, scaled on CPU from three; memory requested as limited', () => {
  expect(deployment.spec.replicas).toBe(3);
  const pdb = find<{ spec: { minAvailable: number } }>('PodDisruptionBudget');
  expect(pdb.spec.minAvailable).toBe(deployment.spec.replicas - 1);
  const hpa = find<{ spec: { minReplicas: number; metrics: { resource: { name: string } }[] } }>(
    'HorizontalPodAutoscaler',
  );
  expect(hpa.spec.minReplicas).toBe(deployment.spec.replicas);
  expect(hpa.spec.metrics.map((m) => m.resource.name)).toEqual(['cpu']);
  const { requests, limits } = container.resources;
  expect(requests['memory']).toBe(limits['memory']);
  expect(requests['cpu']).toBeDefined();
  // The heap bound V8 collects at stays below the memory limit.
  const heapMb = Number(
    /--max-old-space-size=(\d+)/.exec(container.env.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '')?.[1],
  );
  expect(heapMb).toBeLessThan(Number.parseInt(limits['memory'] ?? '0', 10));
});
