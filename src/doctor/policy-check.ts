import { defaultPolicyReadTimeoutMs, loadPolicyFile } from '../policy';
import { fail, pass, reasonOf, type CheckResult } from './check';

/**
 * The policy file parses and validates, as the subgraph would load it at start. A path that is
 * not a regular file (a named pipe, a directory) fails at once; a hung file system after
 * `timeoutMs`.
 */
export async function policyCheck(
  file: string | undefined,
  timeoutMs = defaultPolicyReadTimeoutMs,
): Promise<CheckResult> {
  const name = 'policy file';
  if (!file) return pass(name, 'none (POLICY_FILE unset): callers get their token scopes only');
  try {
    const snapshot = await loadPolicyFile(file, { timeoutMs });
    const rules = snapshot.policy.rules.length;
    return pass(name, `${file}: ${rules} rule${rules === 1 ? '' : 's'}`);
  } catch (error) {
    // The error names the file and the problems (paths and rules), never claim values of a caller.
    return fail(
      name,
      reasonOf(error).replace(/\n\s*/g, ' '),
      'correct the file (see docs/production.md, "Roles that follow the IdP") or unset POLICY_FILE',
    );
  }
}
