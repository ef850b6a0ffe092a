import type { ShuffleStatement } from '../statement.js';

/**
 * The units of work of every phase, one per index range [lo, hi). A task is plain data: the
 * statement, a few scalars and keys, and packed buffers (shared memory in the worker pool, so
 * that no task copies the lists). Results are written into those buffers at the task's range;
 * what a task returns is small (partial sums, scalars).
 */
interface RangeTask {
  readonly statement: ShuffleStatement;
  /** The number of ciphertexts N. */
  readonly n: number;
  /** The generators' seed (computed once by the driver from the statement and N). */
  readonly seed: Uint8Array;
  readonly lo: number;
  readonly hi: number;
}

/** Shuffle: output i := re-encryption of input ψ[i], for i in [lo, hi). */
export interface ReencryptTask extends RangeTask {
  readonly kind: 'reencrypt';
  readonly shuffleKey: Uint8Array;
  readonly psi: Uint32Array;
  readonly inputs: Uint8Array;
  /** Written: outputs i in [lo, hi). */
  readonly outputs: Uint8Array;
}

/** Permutation commitment c_j for j in [lo, hi), with partial sums of t_3 and t_4. */
export interface CommitTask extends RangeTask {
  readonly kind: 'commit';
  readonly proofKey: Uint8Array;
  readonly psiInverse: Uint32Array;
  readonly outputs: Uint8Array;
  /** Written: c_j in the proof's commitment part. */
  readonly proof: Uint8Array;
}

export interface CommitResult {
  /** Σ ω'_i·h_i and, per component, Σ ω'_i·a'_i,k and Σ ω'_i·b'_i,k: 1 + 2w partial sums. */
  readonly partials: Uint8Array;
}

/** The range's composition of the chain recurrence, and its share of the scalar sums. */
export interface ChainPrefixTask extends RangeTask {
  readonly kind: 'chain-prefix';
  readonly shuffleKey: Uint8Array;
  readonly proofKey: Uint8Array;
  readonly uSeed: Uint8Array;
  readonly psi: Uint32Array;
}

export interface ChainPrefixResult {
  /** R_hi-1 = alpha + beta·R_lo-1 and U_hi-1 = beta·U_lo-1. */
  readonly alpha: bigint;
  readonly beta: bigint;
  /** Σ r_j, Σ r_j·u_j over inputs j in the range. */
  readonly rSum: bigint;
  readonly ruSum: bigint;
  /** Per component k: Σ r'_i,k·u'_i over outputs i in the range. */
  readonly reencryptionSums: bigint[];
}

/** Chain elements ĉ_i and commitments t̂_i for i in [lo, hi). */
export interface ChainTask extends RangeTask {
  readonly kind: 'chain';
  readonly proofKey: Uint8Array;
  readonly uSeed: Uint8Array;
  readonly psi: Uint32Array;
  /** R_lo-1 and U_lo-1 (R_0 = 0, U_0 = 1 before the first element). */
  readonly rStart: bigint;
  readonly uStart: bigint;
  /** Written: ĉ_i in the proof's chain part. */
  readonly proof: Uint8Array;
  /** Written: t̂_i, N packed elements. */
  readonly tHat: Uint8Array;
}

/** Responses ŝ_i and s'_i for i in [lo, hi). */
export interface ResponsesTask extends RangeTask {
  readonly kind: 'responses';
  readonly proofKey: Uint8Array;
  readonly uSeed: Uint8Array;
  readonly psi: Uint32Array;
  readonly challenge: bigint;
  /** Written: ŝ_i and s'_i in the proof. */
  readonly proof: Uint8Array;
}

/** The verifier's work on [lo, hi): decode, recompute t̂_i, and partial products for t_1..t_4. */
export interface VerifyTask extends RangeTask {
  readonly kind: 'verify';
  readonly uSeed: Uint8Array;
  readonly challenge: bigint;
  readonly inputs: Uint8Array;
  readonly outputs: Uint8Array;
  readonly proof: Uint8Array;
  /** Written: t̂_i, N packed elements. */
  readonly tHat: Uint8Array;
}

export interface VerifyResult {
  /**
   * Partial sums over the range, in this order: Σ c_j, Σ h_i, Σ u_j·c_j, Σ s'_i·h_i, then per
   * component k: Σ u_j·a_j,k, Σ u_j·b_j,k, Σ s'_i·a'_i,k, Σ s'_i·b'_i,k  (4 + 4w elements).
   */
  readonly partials: Uint8Array;
  /** Π u_j over the range. */
  readonly uProduct: bigint;
}

export type Task = ReencryptTask | CommitTask | ChainPrefixTask | ChainTask | ResponsesTask | VerifyTask;

/** A DecodeError raised by a task, carried back as data (errors lose their class across threads). */
export interface TaskFailure {
  readonly failure: { readonly code: string; readonly field: string; readonly message: string };
}
