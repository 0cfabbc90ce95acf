import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../harness/paths';

export function loadFixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'ovh', name), 'utf8'));
}
