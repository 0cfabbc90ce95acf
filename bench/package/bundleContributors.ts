import * as fs from 'node:fs';

export interface Contributor {
  /** An npm package name, or a folder of src/ such as "src/views". */
  readonly name: string;
  readonly bytes: number;
}

interface Metafile {
  readonly outputs: Record<
    string,
    { readonly entryPoint?: string; readonly bytes: number; readonly inputs: Record<string, { readonly bytesInOutput: number }> }
  >;
}

/** Where an input file's bytes are charged: its npm package (scoped names kept whole), or its src/ folder. */
export function contributorOf(input: string): string {
  const packages = /node_modules\/((?:@[^/]+\/)?[^/]+)/g;
  let last: string | undefined;
  for (let match = packages.exec(input); match; match = packages.exec(input)) last = match[1];
  if (last) return last;
  const inSrc = /(?:^|\/)src\/([^/]+)\//.exec(input);
  if (inSrc) return `src/${inSrc[1]}`;
  return input.replace(/^.*\/src\//, 'src/');
}

/** Bytes in the output of `entryPoint`, per contributor, largest first (esbuild's bytesInOutput). */
export function bundleContributors(metafilePath: string, entryPoint = 'src/extension.ts'): Contributor[] {
  const meta = JSON.parse(fs.readFileSync(metafilePath, 'utf8')) as Metafile;
  const output = Object.values(meta.outputs).find((candidate) => candidate.entryPoint === entryPoint);
  if (!output) throw new Error(`no output for ${entryPoint} in ${metafilePath}`);
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = contributorOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

interface MetafileInputs {
  readonly inputs: Record<string, { readonly imports: ReadonlyArray<{ readonly path: string; readonly external?: boolean }> }>;
}

/**
 * Bytes each direct dependency of src/ brings into the bundle, its whole
 * dependency tree included (e.g. `ovh` with simple-oauth2, joi, bluebird, async).
 */
export function directDependencyWeights(metafilePath: string, contributors: readonly Contributor[], entryPoint = 'src/extension.ts'): Contributor[] {
  const meta = JSON.parse(fs.readFileSync(metafilePath, 'utf8')) as Metafile & MetafileInputs;
  const output = Object.values(meta.outputs).find((candidate) => candidate.entryPoint === entryPoint);
  if (!output) return [];
  const inOutput = output.inputs;
  const isPackage = (input: string): boolean => input.includes('node_modules/');
  const owner = new Map<string, string>();
  for (const [input, { imports }] of Object.entries(meta.inputs)) {
    if (isPackage(input) || !(input in inOutput)) continue;
    for (const imported of imports) {
      if (imported.external || !isPackage(imported.path) || owner.has(imported.path)) continue;
      const direct = contributorOf(imported.path);
      // Everything reachable from this package without coming back into src/ is charged to it.
      const queue = [imported.path];
      while (queue.length > 0) {
        const next = queue.pop()!;
        if (owner.has(next) || !isPackage(next)) continue;
        owner.set(next, direct);
        for (const further of meta.inputs[next]?.imports ?? []) if (!further.external) queue.push(further.path);
      }
    }
  }
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inOutput)) {
    const direct = owner.get(input);
    if (direct) totals.set(direct, (totals.get(direct) ?? 0) + bytesInOutput);
  }
  const ownCode = contributors.filter((contributor) => contributor.name.startsWith('src/')).reduce((sum, contributor) => sum + contributor.bytes, 0);
  return [...[...totals].map(([name, bytes]) => ({ name, bytes })), { name: 'src/ (the extension itself)', bytes: ownCode }].sort((a, b) => b.bytes - a.bytes);
}
