import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root';

let version: string | undefined;

/** The version MCP clients are told (`serverInfo.version`): the package's own, read once. */
export function serverVersion(): string {
  version ??= String(
    (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0',
  );
  return version;
}
