/**
 * `npm run bench -- decrypt [--n N] [--workers K] [--group ristretto255|p256] [--width W] [--runs R] --json`
 *
 * The trustee's decryption: N partial decryptions with DLEQ proofs through the trustee tool's
 * piscina pool with K workers (medians of R runs), reported per second and per second per core.
 * Also, single-threaded, what the election flow does with the results: verifying one trustee's
 * proofs (PartialDecryptionVerifier) and combining t = 3 trustees' factors (Lagrange), with
 * `varmul_s` to compare across machines.
 */
import { availableParallelism } from 'node:os';
import {
  combinePartialDecryptions,
  ElGamal,
  encodeCiphertext,
  ciphertextLength,
  deterministicRandom,
  evaluatePolynomial,
  groupByName,
  partialDecrypt,
  PartialDecryptionVerifier,
  randomPolynomial,
  type Ciphertext,
  type GroupName,
} from '@ostraka/crypto';
import { decryptInParallel } from '@ostraka/trustee';
import { parseArgs } from './lib/args.js';
import { measureVarmul, peakRssMb, progress, report, timeMedian } from './lib/measure.js';

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['n', 'workers', 'group', 'width', 'runs']);
  const n = args.number('n', 2000);
  const workers = args.number('workers', availableParallelism());
  const G = groupByName(args.string('group', 'ristretto255') as GroupName);
  const width = args.number('width', 1);
  const runs = args.number('runs', 3);
  const rng = deterministicRandom(`bench/decrypt/${G.name}`);

  // A 3-of-n sharing of the key, so that the combination is the real one.
  const f = randomPolynomial(G, 3, rng);
  const pk = G.multiply(G.generator, f[0]);
  const shares = [1, 2, 3].map((j) => evaluatePolynomial(G, f, j));
  const vks = shares.map((x) => G.multiply(G.generator, x));
  progress(`encrypting ${n} ciphertexts of width ${width}`);
  const scheme = new ElGamal(G, pk);
  const ciphertexts: Ciphertext<unknown>[] = Array.from({ length: n }, (_, i) =>
    scheme.encrypt(Array.from({ length: width }, (_, k) => G.multiplyPublic(G.generator, BigInt(i * width + k + 1))), rng).ciphertext,
  );
  const size = ciphertextLength(G, width);
  const packed = new Uint8Array(n * size);
  ciphertexts.forEach((c, i) => packed.set(encodeCiphertext(G, c), i * size));

  progress(`varmul (${G.name})`);
  const varmul = measureVarmul(G.name);

  progress(`partial decryption of ${n} ciphertexts with ${workers} worker(s), ${runs} run(s)`);
  const job = { group: G, election: 'bench', trustee: 1, keyShare: shares[0], verificationKey: vks[0], width, count: n, packed, workers };
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const result = await decryptInParallel(job);
    if (!result.ok) throw new Error(result.message);
    times.push((performance.now() - start) / 1000);
    progress(`  run ${r + 1}: ${times[r].toFixed(2)} s`);
  }
  const seconds = [...times].sort((a, b) => a - b)[times.length >> 1];

  // Single-threaded figures on a sample: the cost of one proof, its verification and a combination.
  const sample = ciphertexts.slice(0, Math.min(n, 200));
  progress(`single-threaded: prove, verify and combine ${sample.length} ciphertexts`);
  const partials = [0, 1, 2].map((k) => sample.map((c) => partialDecrypt(G, 'bench', k + 1, shares[k], vks[k], c, rng)));
  const prove = timeMedian(() => sample.forEach((c) => partialDecrypt(G, 'bench', 1, shares[0], vks[0], c, rng)), runs, 0) / sample.length;
  const verifier = new PartialDecryptionVerifier(G, 'bench', 1, vks[0]);
  const verify = timeMedian(() => sample.forEach((c, i) => {
    if (!verifier.verify(c, partials[0][i])) throw new Error('a proof does not verify');
  }), runs, 1) / sample.length;
  const factors = [0, 1, 2].map((k) => ({ trustee: k + 1, factors: partials[k].map((p) => p.factors) }));
  const combine = timeMedian(() => combinePartialDecryptions(G, sample, factors, 3), runs, 1) / sample.length;

  const perSecond = n / seconds;
  report(
    {
      benchmark: 'decrypt',
      group: G.name,
      width,
      n,
      workers,
      runs,
      seconds,
      partials_per_s: perSecond,
      partials_per_s_per_core: perSecond / workers,
      single_thread_partials_per_s: 1 / prove,
      partial_varmuls: prove / varmul,
      verify_per_s: 1 / verify,
      verify_varmuls: verify / varmul,
      combine_t3_per_s: 1 / combine,
      combine_t3_varmuls: combine / varmul,
      varmul_s: varmul,
      peak_rss_mb: peakRssMb(),
    },
    args.json,
  );
}
