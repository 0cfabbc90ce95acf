import * as vscode from 'vscode';

/** Every 8-character window of a secret, so a truncated or partly masked copy is found too. */
export function fragments(secret: string, size = 8): string[] {
  if (secret.length <= size) return [secret];
  const parts: string[] = [];
  for (let i = 0; i + size <= secret.length; i += 2) parts.push(secret.slice(i, i + size));
  return parts;
}

export interface Finding {
  readonly source: string;
  readonly fragment: string;
}

/** Searches each text for each secret and its fragments. */
export function scan(sources: Record<string, string>, secrets: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const secret of secrets) {
    for (const fragment of fragments(secret)) {
      for (const [source, text] of Object.entries(sources)) {
        if (text.includes(fragment)) findings.push({ source, fragment: `${fragment.slice(0, 2)}…` });
      }
    }
  }
  return findings;
}

/** All files below a folder, as text. */
export async function readTree(root: vscode.Uri): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(root);
  } catch {
    return out;
  }
  for (const [name, type] of entries) {
    const uri = vscode.Uri.joinPath(root, name);
    if (type === vscode.FileType.Directory) Object.assign(out, await readTree(uri));
    else out[uri.path] = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }
  return out;
}

export function mementoText(memento: vscode.Memento): string {
  return JSON.stringify(memento.keys().map((key) => [key, memento.get(key)]));
}
