/**
 * Phase "decryption" (docs/transcript.md §10.9, §10.11 step 5): the partial decryptions of the
 * trustees the tally names, every proof, the combination, the plaintexts recomputed and compared
 * with the published plaintexts document (whose count the tally transition compared with the
 * published tally).
 */
import type { VerifierPool } from '../pool.js';
import { equation } from '../report/equation.js';
import type { Findings, Place } from '../report/findings.js';
import type { Progress } from '../report/progress.js';
import type { ElectionRecord } from './record.js';
import { evaluate } from './ceremony.js';
import { toHex } from '../encoding/hex.js';

const RANGE = 256;

export async function verifyDecryption(r: ElectionRecord, places: (index: number) => Place, pool: VerifierPool, findings: Findings, progress: Progress): Promise<void> {
  const last = r.rounds[r.rounds.length - 1];
  if (!r.tallied || !last || !r.plaintexts) return;
  const used = [...new Set(r.tallied.decryptions)].filter((j) => r.partials.has(j)).sort((a, b) => a - b);
  const t = r.manifest.trustees.threshold;
  const tallyPlace = places(r.tallied.entry);
  if (used.length < t) {
    findings.fail('decryption.plaintexts', `only ${used.length} of the trustees named by the tally posted partial decryptions, fewer than t = ${t}`, tallyPlace);
    return;
  }
  for (const [j] of r.partials) if (!used.includes(j)) findings.note(`Election ${r.id}: trustee ${j}'s partial decryptions are not used by the tally and were not checked.`);
  const evaluation = evaluate({ group: r.group, manifest: r.manifest, identities: r.identities }, r.deals, [...r.complaints.values()].flat());
  const vk = (j: number) => toHex(r.group.encode(evaluation.verificationKeys.get(j) ?? r.group.generator));
  const w = r.width;
  const L = r.group.elementLength;
  const size = 2 * w * L;
  const bar = progress.start('partial decryptions', last.count);
  const ranges: number[] = [];
  for (let from = 0; from < last.count; from += RANGE) ranges.push(from);
  const results = await pool.map('decryptRange', ranges, 1, ([from]) => {
    const to = Math.min(last.count, from + RANGE);
    return {
      group: r.group.name, election: r.id, width: w, from, threshold: t,
      ciphertexts: last.output.slice(from * size, to * size),
      trustees: used.map((j) => ({
        index: j, verificationKey: vk(j),
        factors: r.partials.get(j)!.factors.slice(from * w * L, to * w * L),
        proofs: r.partials.get(j)!.proofs.slice(64 * from, 64 * to),
      })),
    };
  }, (done) => bar.update(Math.min(last.count, done * RANGE)));
  bar.done();
  const combined = results.flatMap((x) => x.plaintexts);
  findings.pass('decryption.partial-proof', last.count * used.length);
  for (const f of results.flatMap((x) => x.failures)) {
    findings.fail('decryption.partial-proof', `trustee ${f.trustee}'s partial decryption of ciphertext ${f.index}: ${f.reason}`, { ...places(r.partials.get(f.trustee)!.entry), item: f.index });
  }
  const published = (r.plaintexts.value as { plaintexts: (string | null)[] }).plaintexts;
  findings.pass('decryption.plaintexts', last.count);
  let reported = 0;
  for (let i = 0; i < last.count; i++) {
    if (equation('decryption.plaintexts', combined[i] === published[i])) continue;
    if (reported++ < 20) findings.fail('decryption.plaintexts', `plaintext ${i} of the plaintexts document is ${JSON.stringify(published[i])}; the combined partial decryptions give ${JSON.stringify(combined[i])}`, { ...places(r.plaintexts.entry), item: i });
  }
  if (reported > 20) findings.fail('decryption.plaintexts', `… and ${reported - 20} more plaintexts differ`, places(r.plaintexts.entry));
}
