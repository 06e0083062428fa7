import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined. */
export interface DockerInstruction {
  readonly keyword: string;
  readonly args: string;
}

/** One build stage: its base image, its name (`AS …`) and its instructions after `FROM`. */
export interface DockerStage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly DockerInstruction[];
}

/** A `COPY`: its `--from` stage (none: the build context), its sources and its destination. */
export interface DockerCopy {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  readonly destination: string;
}

/** The project's Dockerfile, at the repository root. */
export const dockerfilePath = join(__dirname, '..', '..', '..', 'Dockerfile');

/**
 * The stages of a Dockerfile, enough to check what the image holds: comments and blank lines are
 * dropped, lines ending in `\` joined, and each `FROM` starts a stage. Heredocs and parser
 * directives are not read (the project's Dockerfile has none).
 */
export function dockerfileStages(text: string = readFileSync(dockerfilePath, 'utf8')): DockerStage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending !== '') logical.push(pending.trim());
  const stages: { image: string; name: string | undefined; instructions: DockerInstruction[] }[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = match[2] ?? '';
    if (keyword === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${keyword} before any FROM`);
      stage.instructions.push({ keyword, args });
    }
  }
  return stages;
}

/** The stage named `name`; fails when there is none. */
export function stageNamed(stages: readonly DockerStage[], name: string): DockerStage {
  const stage = stages.find((s) => s.name === name);
  if (!stage) throw new Error(`the Dockerfile has no stage named ${name}`);
  return stage;
}

/** The arguments of every instruction of `stage` with `keyword`. */
export function argsOf(stage: DockerStage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** An exec-form argument list (`["node", "…"]`), parsed as the JSON it is. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`not an exec-form list: ${args}`);
  }
  return parsed;
}

/** The `COPY` instructions of `stage` (shell form, with `--from` and no other flag). */
export function copiesOf(stage: DockerStage): DockerCopy[] {
  return argsOf(stage, 'COPY').map((args) => {
    const words = args.split(/\s+/);
    const flags = words.filter((word) => word.startsWith('--'));
    const paths = words.filter((word) => !word.startsWith('--'));
    const destination = paths.pop();
    if (destination === undefined || paths.length === 0) throw new Error(`COPY without a source: ${args}`);
    const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
    return { from, sources: paths, destination };
  });
}
