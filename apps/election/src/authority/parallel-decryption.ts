import { availableParallelism } from 'node:os';
import { firstTrusteesChecked, InsufficientPartialsError, lagrangeCoefficients, selectTrustees, VerificationError, type PartialRejection } from '@ostraka/crypto';
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
import { NOT_A_PLAINTEXT, type CombineResult, type CombineTask, type RangeTask, type VerifyCombineResult, type VerifyCombineTask, type VerifyResult, type VerifyTask } from './decryption-worker.js';

export interface DecryptionProgress {
  /**
   * `verify trustees i, j, k and combine` (the first t, in one pass), then, only if one of them
   * fails, `verify trustee j` for each further trustee checked and `combine`.
   */
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
 * by their trustee are rejected; the trustees are chosen by the core's `selectTrustees` (index
 * order, every proof of each, until t are valid; the t lowest valid ones are combined); fewer than t valid is an
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

  const workers = Math.max(1, options.workers ?? availableParallelism());
  const pool = new Piscina<VerifyTask | CombineTask | VerifyCombineTask, VerifyResult | CombineResult | VerifyCombineResult>({
    filename: new URL('./decryption-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  const size = 2 * list.width * G.elementLength;
  const factorSize = list.width * G.elementLength;
  const proofLength = 2 * G.scalarLength;
  const rangeLength = rangeSize(list.count, workers);
  // Tasks carry copies of their ranges (a view would be cloned with its whole buffer).
  const ranges: [number, number][] = [];
  for (let start = 0; start < list.count; start += rangeLength) ranges.push([start, Math.min(list.count, start + rangeLength)]);
  type Task = VerifyTask | CombineTask | VerifyCombineTask;
  /** Runs one task per range (built by `task` from the range's common fields) as step `name`, with progress. */
  const overRanges = async <R>(name: string, task: (range: RangeTask, start: number, end: number) => Task): Promise<R[]> => {
    let done = 0;
    options.onProgress?.({ step: name, done, total: list.count });
    return Promise.all(
      ranges.map(([start, end]) =>
        pool.run(task({ group: G.name, width: list.width, start, ciphertexts: list.packed.slice(start * size, end * size) }, start, end)).then((r) => {
          options.onProgress?.({ step: name, done: (done += end - start), total: list.count });
          return r as R;
        }),
      ),
    );
  };
  const slice = (bytes: Uint8Array, start: number, end: number, length: number) => bytes.slice(start * length, end * length);
  const verificationKey = (trustee: number) => G.encode(ceremony.verificationKeys.get(trustee)!);
  // The first bad index in list order, whichever worker found one first.
  const firstBad = (verdicts: readonly VerifyResult[]): VerifyResult => verdicts.find((v) => v.bad !== null) ?? { bad: null };
  const lambdasOf = (used: readonly PackedPartialDecryptions[]) => lagrangeCoefficients(G, used.map((u) => u.trustee)).map((l) => G.scalars.encode(l));

  try {
    // Usually the first t eligible trustees are all valid: check them and combine in one pass, every
    // ciphertext and factor decoded once. Their verdicts then stand in for the checks below.
    const hasKey = (j: number) => ceremony.verificationKeys.has(j);
    const candidates = firstTrusteesChecked(submissions, roster.threshold, hasKey);
    const verdicts = new Map<number, VerifyResult>();
    let fused: Uint8Array[] | null = null;
    if (candidates.length === roster.threshold) {
      const lambdas = lambdasOf(candidates);
      const keys = candidates.map((c) => verificationKey(c.trustee));
      const results = await overRanges<VerifyCombineResult>(`verify trustees ${candidates.map((c) => c.trustee).join(', ')} and combine`, (range, start, end) => ({
        ...range,
        kind: 'verify-combine',
        election: roster.election,
        trustees: candidates.map((c, j) => ({ trustee: c.trustee, verificationKey: keys[j], proofs: slice(c.proofs, start, end, proofLength) })),
        factors: candidates.map((c) => slice(c.factors, start, end, factorSize)),
        lambdas,
      }));
      const complete = results.map((r) => {
        if (!('verdicts' in r)) throw new InvalidFileError(r.field, r.message);
        return r;
      });
      candidates.forEach((c, j) => verdicts.set(c.trustee, firstBad(complete.map((r) => r.verdicts[j]))));
      if (complete.every((r) => r.plaintexts !== null)) fused = complete.map((r) => r.plaintexts!);
    }

    // The core's selection rule, each trustee's verdict from the pass above or from verify tasks.
    const verdictOf = async (submission: PackedPartialDecryptions): Promise<VerifyResult> => {
      const known = verdicts.get(submission.trustee);
      if (known) return known;
      const key = verificationKey(submission.trustee);
      return firstBad(
        await overRanges<VerifyResult>(`verify trustee ${submission.trustee}`, (range, start, end) => ({
          ...range,
          kind: 'verify',
          election: roster.election,
          trustee: submission.trustee,
          verificationKey: key,
          factors: slice(submission.factors, start, end, factorSize),
          proofs: slice(submission.proofs, start, end, proofLength),
        })),
      );
    };
    const selection = selectTrustees(submissions, roster.threshold, hasKey);
    let step = selection.next();
    while (!step.done) {
      const verdict = await verdictOf(step.value);
      step = selection.next(verdict.bad === null ? null : verdict.reason);
    }
    const { valid, unchecked } = step.value;
    rejected.push(...step.value.rejected);
    if (valid.length < roster.threshold) throw new InsufficientPartialsError(roster.threshold, valid.map((v) => v.trustee), rejected);

    const used = valid.slice(0, roster.threshold);
    let packed = fused;
    if (packed === null) {
      const lambdas = lambdasOf(used);
      const combined = await overRanges<CombineResult>('combine', (range, start, end) => ({ ...range, kind: 'combine', factors: used.map((u) => slice(u.factors, start, end, factorSize)), lambdas }));
      packed = combined.map((r) => {
        if (!('plaintexts' in r)) throw new InvalidFileError(r.field, r.message);
        return r.plaintexts;
      });
    }
    return { plaintexts: packed.flatMap(unpackPlaintexts), used: used.map((u) => u.trustee), rejected, unchecked };
  } finally {
    await pool.destroy();
  }
}

/** A CombineResult's packed plaintexts (4-byte length, bytes; NOT_A_PLAINTEXT for none). */
function unpackPlaintexts(packed: Uint8Array): (Uint8Array | null)[] {
  const out: (Uint8Array | null)[] = [];
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let offset = 0; offset < packed.length; ) {
    const length = view.getUint32(offset);
    offset += 4;
    if (length === NOT_A_PLAINTEXT) out.push(null);
    else {
      out.push(packed.slice(offset, offset + length));
      offset += length;
    }
  }
  return out;
}
