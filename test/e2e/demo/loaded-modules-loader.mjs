/** Module hooks of loaded-modules-hook.cjs: appends every file an import resolves to the list file. */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let listFile;

/** Receives the list file from `module.register`. */
export function initialize(data) {
  listFile = data.listFile;
}

/** Records where each import resolves to. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith('file:')) appendFileSync(listFile, `${fileURLToPath(resolved.url)}\n`);
  return resolved;
}
