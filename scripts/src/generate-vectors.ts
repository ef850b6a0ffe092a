/**
 * Writes docs/vectors/*.json: this project's own encodings, transcripts and proofs, computed from
 * fixed seeds. The tests regenerate every file and compare it byte for byte, so any change to an
 * encoding or a hash input is caught. Run `npm run vectors` after an intended change.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allVectorFiles } from './vectors/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [name, content] of Object.entries(allVectorFiles())) {
  writeFileSync(join(root, 'docs', 'vectors', name), JSON.stringify(content, null, 2) + '\n');
  console.error(`wrote docs/vectors/${name}`);
}
