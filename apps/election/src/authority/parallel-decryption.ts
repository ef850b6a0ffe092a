import { availableParallelism } from 'node:os';
import { InsufficientPartialsError, lagrangeCoefficients, VerificationError, type PartialRejection } from '@ostraka/crypto';
import {
  checkPartialDecryptionSignature,
  InvalidFileError,
  unpackPartialDecryptions,
  type CeremonyResult,
  type ElectionRoster,
  type PackedCiphertextList,
  type PackedPartialDecryptions,
  type PartialDecryptionFile,
} from '@ostraka/protocol';
import { Piscina } from 'piscina';
import { NOT_A_PLAINTEXT, type CombineResult, type CombineTask, type VerifyResult, type VerifyTask } from './decryption-worker.js';

export interface DecryptionProgress {
  /** `verify trustee j` for each trustee checked, then `combine`. */
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface ParallelListDecryption {
  /** Per ciphertext of the list, its plaintext, or null where it does not decode. */
  readonly plaintexts: (Uint8Array | null)[];
  readonly used: number[];
  readonly rejected: PartialRejection[];
  /** Trustees whose files were not needed and not checked. */
  readonly unchecked: number[];
}

/** Ranges small enough for smooth progress and an even load, large enough that messaging stays negligible. */
const rangeSize = (count: number, workers: number) => Math.max(16, Math.min(1024, Math.ceil(count / (workers * 16))));

/**
 * The tally's decryption of the final list across a worker pool (one thread per core), with the
 * semantics of `decryptCiphertextList`: files that do not belong to this list or are not signed
 * by their trustee are rejected; trustees are checked in index order, every proof of each, until
 * t are valid; the t lowest valid ones are combined; fewer than t valid is an
 * InsufficientPartialsError listing every rejection, never a wrong plaintext.
 */
export async function decryptListInParallel<E>(
  roster: ElectionRoster<E>,
  ceremony: CeremonyResult<E>,
  list: PackedCiphertextList,
  files: readonly PartialDecryptionFile[],
  options: { workers?: number; onProgress?: (p: DecryptionProgress) => void } = {},
): Promise<ParallelListDecryption> {
  const G = roster.group;
  const rejected: PartialRejection[] = [];
  const submissions: PackedPartialDecryptions[] = [];
  for (const file of files) {
    try {
      const packed = unpackPartialDecryptions(roster, list, file);
      checkPartialDecryptionSignature(roster, file);
      submissions.push(packed);
    } catch (e) {
      if (!(e instanceof InvalidFileError || e instanceof VerificationError)) throw e;
      rejected.push({ trustee: file.payload.trustee, reason: e.message });
    }
  }
  submissions.sort((x, y) => x.trustee - y.trustee);

  const workers = Math.max(1, options.workers ?? availableParallelism());
  const pool = new Piscina<VerifyTask | CombineTask, VerifyResult | CombineResult>({
    filename: new URL('./decryption-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  const size = 2 * list.width * G.elementLength;
  const factorSize = list.width * G.elementLength;
  const proofLength = 2 * G.scalarLength;
  const step = rangeSize(list.count, workers);
  // Tasks carry copies of their ranges (a view would be cloned with its whole buffer).
  const ranges: [number, number][] = [];
  for (let start = 0; start < list.count; start += step) ranges.push([start, Math.min(list.count, start + step)]);
  const progress = (name: string) => {
    let done = 0;
    options.onProgress?.({ step: name, done, total: list.count });
    return (n: number) => options.onProgress?.({ step: name, done: (done += n), total: list.count });
  };

  try {
    const valid: PackedPartialDecryptions[] = [];
    const unchecked: number[] = [];
    for (let s = 0; s < submissions.length; s++) {
      const submission = submissions[s];
      if (valid.length >= roster.threshold) {
        unchecked.push(submission.trustee);
        continue;
      }
      if (s > 0 && submissions[s - 1].trustee === submission.trustee) {
        rejected.push({ trustee: submission.trustee, reason: 'more than one submission from this trustee' });
        continue;
      }
      const vk = ceremony.verificationKeys.get(submission.trustee);
      if (vk === undefined) {
        rejected.push({ trustee: submission.trustee, reason: 'not a trustee with a verification key' });
        continue;
      }
      const advance = progress(`verify trustee ${submission.trustee}`);
      const verificationKey = G.encode(vk);
      const results = await Promise.all(
        ranges.map(([start, end]) =>
          pool
            .run({
              kind: 'verify',
              group: G.name,
              width: list.width,
              start,
              ciphertexts: list.packed.slice(start * size, end * size),
              election: roster.election,
              trustee: submission.trustee,
              verificationKey,
              factors: submission.factors.slice(start * factorSize, end * factorSize),
              proofs: submission.proofs.slice(start * proofLength, end * proofLength),
            })
            .then((r) => (advance(end - start), r as VerifyResult)),
        ),
      );
      // The first bad index in list order, whichever worker found one first.
      const bad = results.find((r) => r.bad !== null);
      if (bad && bad.bad !== null) rejected.push({ trustee: submission.trustee, reason: bad.reason });
      else valid.push(submission);
    }
    if (valid.length < roster.threshold) throw new InsufficientPartialsError(roster.threshold, valid.map((v) => v.trustee), rejected);

    const used = valid.slice(0, roster.threshold);
    const lambdas = lagrangeCoefficients(G, used.map((u) => u.trustee)).map((l) => G.scalars.encode(l));
    const advance = progress('combine');
    const combined = await Promise.all(
      ranges.map(([start, end]) =>
        pool
          .run({
            kind: 'combine',
            group: G.name,
            width: list.width,
            start,
            ciphertexts: list.packed.slice(start * size, end * size),
            factors: used.map((u) => u.factors.slice(start * factorSize, end * factorSize)),
            lambdas,
          })
          .then((r) => (advance(end - start), r as CombineResult)),
      ),
    );
    const plaintexts: (Uint8Array | null)[] = [];
    for (const r of combined) {
      if (!('plaintexts' in r)) throw new InvalidFileError(r.field, r.message);
      const view = new DataView(r.plaintexts.buffer, r.plaintexts.byteOffset, r.plaintexts.byteLength);
      for (let offset = 0; offset < r.plaintexts.length; ) {
        const length = view.getUint32(offset);
        offset += 4;
        if (length === NOT_A_PLAINTEXT) plaintexts.push(null);
        else {
          plaintexts.push(r.plaintexts.slice(offset, offset + length));
          offset += length;
        }
      }
    }
    return { plaintexts, used: used.map((u) => u.trustee), rejected, unchecked };
  } finally {
    await pool.destroy();
  }
}
