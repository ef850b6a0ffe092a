/**
 * `npm run example`: runs a small election with the system's own code and writes its transcript to
 * docs/examples/transcript and the page that explains it to docs/examples/README.md. The election
 * is new at every run (fresh keys and randomness); the tests check the committed files, not a
 * regeneration.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runSampleElection } from '@ostraka/election/testing';
import { describeExample } from './example/describe.js';

const examples = fileURLToPath(new URL('../../docs/examples/', import.meta.url));
const out = `${examples}transcript`;
rmSync(out, { recursive: true, force: true });
await runSampleElection({ voters: 4, mixServers: 2, group: 'ristretto255', out, onProgress: (m) => process.stderr.write(`${m}\n`) });
writeFileSync(`${examples}README.md`, describeExample(out));
process.stderr.write(`wrote ${out} and ${examples}README.md\n`);
