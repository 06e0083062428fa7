import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../../src/auth/principal';
import type { PolicyLogger, PolicyStore, ReloadOutcome } from '../../../src/policy';

/** The policy of the examples: viewers, analysts (acting as a Looker user) and BI admins. */
export const examplePolicyYaml = `# Which claims of the access token the rules look at
rules:
  - name: viewers
    when: { claim: groups, includes: viewers }
    grant: [looker:content:read]
  - name: analysts
    when: { claim: groups, includes: [analysts, data-team] }
    grant: [looker:content:read, looker:models:read, looker:data:read]
    lookerUser: { email: ada.analyst@example.com }
  - when: { claim: roles, includes: bi-admin }
    grant: [looker:sql:read]
    lookerUser: { id: 42 }
`;

/** A caller with the given token scopes and claims. */
export function principalWith(claims: Record<string, unknown>, scopes: string[] = []): Principal {
  return { subject: 'user-1', clientId: 'app', scopes: new Set(scopes), claims: { sub: 'user-1', ...claims } };
}

/** A fresh temp directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'policy-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Replaces a file the way editors and deploy tools do: write a sibling, then rename over it. */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** A logger that keeps its calls, for asserting what the store logged. */
export function recordingLogger(): PolicyLogger & {
  calls: { level: string; obj: Record<string, unknown>; msg: string }[];
} {
  const calls: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => void calls.push({ level, obj, msg });
  return { calls, info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Resolves with the first reload outcome that satisfies `accept`. Rejects after `ms` so a watcher
 * that never fires fails the test with a message instead of hanging it; this bounds the wait and
 * never delays a passing test.
 */
export function reloadWhere(
  store: PolicyStore,
  accept: (o: ReloadOutcome) => boolean,
  ms = 10_000,
): Promise<ReloadOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching policy reload within ${ms} ms`));
    }, ms);
    const off = store.onReload((outcome) => {
      if (!accept(outcome)) return;
      clearTimeout(timer);
      off();
      resolve(outcome);
    });
  });
}
