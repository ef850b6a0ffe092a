/**
 * A piscina worker of the tally: for one index range of the final list, verifies one trustee's
 * partial decryptions (decoding them strictly), or combines t trustees' factors and decodes the
 * plaintexts, or does both in one pass for t trustees (the usual case: every ciphertext and
 * factor decoded once). Packed bytes in and out; only the crypto core is imported.
 */
import {
  DecodeError,
  decodeCiphertext,
  decodePlaintext,
  decodeSchnorrProof,
  groupByName,
  PartialDecryptionVerifier,
  type Ciphertext,
  type Group,
  type GroupName,
} from '@ostraka/crypto';

export interface RangeTask {
  readonly group: GroupName;
  readonly width: number;
  /** Index of the range's first ciphertext in the list (for messages). */
  readonly start: number;
  /** The range's ciphertexts, concatenated encodings. */
  readonly ciphertexts: Uint8Array;
}

export interface VerifyTask extends RangeTask {
  readonly kind: 'verify';
  readonly election: string;
  readonly trustee: number;
  readonly verificationKey: Uint8Array;
  /** The range's factors (width elements each) and proofs (challenge ‖ response each). */
  readonly factors: Uint8Array;
  readonly proofs: Uint8Array;
}

export interface CombineTask extends RangeTask {
  readonly kind: 'combine';
  /** The t trustees' factors for the range, and their Lagrange coefficients at 0 (encoded scalars). */
  readonly factors: readonly Uint8Array[];
  readonly lambdas: readonly Uint8Array[];
}

/** Verify t trustees and combine them, in one pass (`trustees[j]` goes with `factors[j]`). */
export interface VerifyCombineTask extends RangeTask {
  readonly kind: 'verify-combine';
  readonly election: string;
  readonly trustees: readonly { readonly trustee: number; readonly verificationKey: Uint8Array; readonly proofs: Uint8Array }[];
  readonly factors: readonly Uint8Array[];
  readonly lambdas: readonly Uint8Array[];
}

/**
 * Per trustee, what a verify task would say of it; the plaintexts only when every trustee is
 * valid in the range (else the tally falls back to checking others, and combines later).
 */
export type VerifyCombineResult =
  | { readonly verdicts: readonly VerifyResult[]; readonly plaintexts: Uint8Array | null }
  | { readonly field: string; readonly message: string };

/** `bad`: the first index (in the list) whose partial decryption is malformed or does not verify. */
export type VerifyResult = { readonly bad: null } | { readonly bad: number; readonly reason: string };

/** Per ciphertext: a 4-byte big-endian length and the plaintext, or 0xffffffff when it does not decode. */
export type CombineResult = { readonly plaintexts: Uint8Array } | { readonly field: string; readonly message: string };

export const NOT_A_PLAINTEXT = 0xffffffff;

export default function run(task: VerifyTask | CombineTask | VerifyCombineTask): VerifyResult | CombineResult | VerifyCombineResult {
  const G = groupByName(task.group) as Group<unknown>;
  if (task.kind === 'verify') return verifyRange(G, task);
  if (task.kind === 'combine') return combineRange(G, task);
  return verifyCombineRange(G, task);
}

/** One trustee's checks over a range, item by item: decode strictly, verify, remember the first failure. */
class TrusteeCheck {
  private readonly verifier: PartialDecryptionVerifier<unknown>;
  private readonly factorSize: number;
  private readonly proofLength: number;
  verdict: VerifyResult = { bad: null };

  constructor(
    private readonly G: Group<unknown>,
    private readonly width: number,
    election: string,
    trustee: number,
    verificationKey: Uint8Array,
    private readonly factors: Uint8Array,
    private readonly proofs: Uint8Array,
  ) {
    this.verifier = new PartialDecryptionVerifier(G, election, trustee, G.decode(verificationKey, 'verificationKey'));
    this.factorSize = width * G.elementLength;
    this.proofLength = 2 * G.scalarLength;
  }

  /** Item i (list index `index`) of the range; its decoded factors when valid, null after any failure. */
  check(i: number, index: number, ciphertext: Ciphertext<unknown>, aBytes: Uint8Array): unknown[] | null {
    if (this.verdict.bad !== null) return null;
    const factorBytes = this.factors.subarray(i * this.factorSize, (i + 1) * this.factorSize);
    let partial;
    try {
      partial = {
        factors: this.G.decodeMany(factorBytes, this.width, `payload.factors[${index}]`),
        proof: decodeSchnorrProof(this.G, this.proofs.subarray(i * this.proofLength, (i + 1) * this.proofLength), `payload.proofs[${index}]`),
      };
    } catch (e) {
      if (e instanceof DecodeError) return this.fail({ bad: index, reason: e.message });
      throw e;
    }
    if (!this.verifier.verify(ciphertext, partial, { a: aBytes, factors: factorBytes })) return this.fail({ bad: index, reason: `the proof of partial decryption ${index} does not verify` });
    return partial.factors;
  }

  private fail(verdict: VerifyResult): null {
    this.verdict = verdict;
    return null;
  }
}

/** The encodings of a_1..a_w of ciphertext i, concatenated (the layout is a_1 b_1 … a_w b_w). */
function aBytesOf(G: Group<unknown>, ciphertexts: Uint8Array, i: number, width: number): Uint8Array {
  const L = G.elementLength;
  const out = new Uint8Array(width * L);
  for (let k = 0; k < width; k++) out.set(ciphertexts.subarray((2 * (i * width + k)) * L, (2 * (i * width + k) + 1) * L), k * L);
  return out;
}

function verifyRange(G: Group<unknown>, task: VerifyTask): VerifyResult {
  const size = 2 * task.width * G.elementLength;
  const check = new TrusteeCheck(G, task.width, task.election, task.trustee, task.verificationKey, task.factors, task.proofs);
  const count = task.ciphertexts.length / size;
  for (let i = 0; i < count && check.verdict.bad === null; i++) {
    const index = task.start + i;
    const ciphertext = decodeCiphertext(G, task.ciphertexts.subarray(i * size, (i + 1) * size), task.width, `ciphertexts[${index}]`);
    check.check(i, index, ciphertext, aBytesOf(G, task.ciphertexts, i, task.width));
  }
  return check.verdict;
}

function verifyCombineRange(G: Group<unknown>, task: VerifyCombineTask): VerifyCombineResult {
  const size = 2 * task.width * G.elementLength;
  const checks = task.trustees.map((t, j) => new TrusteeCheck(G, task.width, task.election, t.trustee, t.verificationKey, task.factors[j], t.proofs));
  const lambdas = task.lambdas.map((l, j) => G.scalars.decode(l, `lambdas[${j}]`));
  const count = task.ciphertexts.length / size;
  const plaintexts = new PlaintextWriter();
  for (let i = 0; i < count; i++) {
    const index = task.start + i;
    let ciphertext;
    try {
      ciphertext = decodeCiphertext(G, task.ciphertexts.subarray(i * size, (i + 1) * size), task.width, `ciphertexts[${index}]`);
    } catch (e) {
      if (e instanceof DecodeError) return { field: e.field, message: e.message.slice(e.field.length + 2) };
      throw e;
    }
    const aBytes = aBytesOf(G, task.ciphertexts, i, task.width);
    const factors = checks.map((c) => c.check(i, index, ciphertext, aBytes));
    if (factors.every((f) => f !== null)) plaintexts.add(combineOne(G, ciphertext, factors as unknown[][], lambdas));
  }
  const verdicts = checks.map((c) => c.verdict);
  return { verdicts, plaintexts: verdicts.every((v) => v.bad === null) ? plaintexts.bytes() : null };
}

/** m_k = b_k / Π_j d_jk^{λ_j} (docs/crypto.md §8.8), Σ λ_j·d_jk in one multi-scalar multiplication; null when not a plaintext. */
function combineOne(G: Group<unknown>, ciphertext: Ciphertext<unknown>, factors: readonly (readonly unknown[])[], lambdas: readonly bigint[]): Uint8Array | null {
  const elements = ciphertext.b.map((b, k) => G.subtract(b, G.msmPublic(factors.map((f) => f[k]), lambdas)));
  try {
    return decodePlaintext(G, elements);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return null;
  }
}

/** The packed plaintexts of a CombineResult. */
class PlaintextWriter {
  private readonly records: Uint8Array[] = [];
  private total = 0;

  add(plaintext: Uint8Array | null): void {
    const record = new Uint8Array(4 + (plaintext?.length ?? 0));
    new DataView(record.buffer).setUint32(0, plaintext === null ? NOT_A_PLAINTEXT : plaintext.length);
    if (plaintext) record.set(plaintext, 4);
    this.records.push(record);
    this.total += record.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.total);
    let offset = 0;
    for (const r of this.records) {
      out.set(r, offset);
      offset += r.length;
    }
    return out;
  }
}

function combineRange(G: Group<unknown>, task: CombineTask): CombineResult {
  const size = 2 * task.width * G.elementLength;
  const factorSize = task.width * G.elementLength;
  const lambdas = task.lambdas.map((l, j) => G.scalars.decode(l, `lambdas[${j}]`));
  const count = task.ciphertexts.length / size;
  const plaintexts = new PlaintextWriter();
  for (let i = 0; i < count; i++) {
    let ciphertext;
    try {
      ciphertext = decodeCiphertext(G, task.ciphertexts.subarray(i * size, (i + 1) * size), task.width, `ciphertexts[${task.start + i}]`);
    } catch (e) {
      if (e instanceof DecodeError) return { field: e.field, message: e.message.slice(e.field.length + 2) };
      throw e;
    }
    // The factors were decoded and verified by the verify tasks; decoding again is strict anyway.
    const factors = task.factors.map((f) => G.decodeMany(f.subarray(i * factorSize, (i + 1) * factorSize), task.width, 'factors'));
    plaintexts.add(combineOne(G, ciphertext, factors, lambdas));
  }
  return { plaintexts: plaintexts.bytes() };
}
