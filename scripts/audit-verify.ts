/**
 * `npm run audit:verify [--key-file FILE]… AUDIT_FILE…`: checks audit files, given oldest first
 * (`audit.log.2 audit.log.1 audit.log`), as one hash chain. Exit 0 with `intact: N events, K files`;
 * exit 1 naming the file, line and event of the first event changed, removed or reordered; exit 2
 * when it cannot tell (a key not given, a file that cannot be read). The key comes from
 * AUDIT_HMAC_KEY / AUDIT_HMAC_KEY_FILE or `--key-file` (several for rotated keys); it is never printed.
 */
import { ConfigError, loadAuditHmacKey, Secret } from '../src/config';
import { readCredentialFileSync, CredentialFileError } from '../src/files';
import { verifyAuditFiles, type ChainVerdict } from '../src/audit/verify-audit-files';

const usage = 'usage: npm run audit:verify -- [--key-file FILE]… AUDIT_FILE… (oldest first)\n';

function report(verdict: ChainVerdict): number {
  for (const note of verdict.notes) process.stdout.write(`note: ${note}\n`);
  const problem = verdict.problem;
  if (problem === undefined) {
    process.stdout.write(`intact: ${verdict.events} events, ${verdict.files} files\n`);
    return 0;
  }
  const { seq, time, requestId } = problem.event;
  const event = [`seq ${seq ?? '?'}`, `time ${time ?? '?'}`, `requestId ${requestId ?? '?'}`].join(', ');
  process.stdout.write(
    `${problem.kind}: ${problem.file}:${problem.line}: event ${event}: ${problem.detail} (${verdict.events} events intact before it)\n`,
  );
  return problem.kind === 'unverifiable' ? 2 : 1;
}

function main(args: readonly string[]): number {
  const keys: Secret[] = [];
  const files: string[] = [];
  try {
    const envKey = loadAuditHmacKey();
    if (envKey) keys.push(envKey);
    for (let i = 0; i < args.length; i += 1) {
      const arg = args[i] as string;
      if (arg === '--key-file') {
        const file = args[(i += 1)];
        if (file === undefined) throw new ConfigError(['--key-file needs a file']);
        const key = readCredentialFileSync(file).value;
        if (key.length < 32) throw new ConfigError([`--key-file ${file}: must hold at least 32 characters`]);
        keys.push(new Secret(key));
      } else if (arg === '--help' || arg === '-h') {
        process.stdout.write(usage);
        return 0;
      } else files.push(arg);
    }
  } catch (error) {
    // Names the variable or file, never what was read from it.
    const message =
      error instanceof ConfigError || error instanceof CredentialFileError ? error.message : 'cannot read the key';
    process.stderr.write(`${message}\n`);
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write(usage);
    return 2;
  }
  try {
    return report(verifyAuditFiles(files, keys));
  } catch (error) {
    process.stderr.write(`cannot read the audit files: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

process.exit(main(process.argv.slice(2)));
