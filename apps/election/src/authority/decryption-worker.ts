/**
 * A piscina worker of the tally: for one index range of the final list, either verifies one
 * trustee's partial decryptions (decoding them strictly), or combines t trustees' factors and
 * decodes the plaintexts. Packed bytes in and out; only the crypto core is imported.
 */
import {
  DecodeError,
  decodeCiphertext,
  decodePlaintext,
  decodeSchnorrProof,
  groupByName,
  PartialDecryptionVerifier,
  type Group,
  type GroupName,
} from '@ostraka/crypto';

interface RangeTask {
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

/** `bad`: the first index (in the list) whose partial decryption is malformed or does not verify. */
export type VerifyResult = { readonly bad: null } | { readonly bad: number; readonly reason: string };

/** Per ciphertext: a 4-byte big-endian length and the plaintext, or 0xffffffff when it does not decode. */
export type CombineResult = { readonly plaintexts: Uint8Array } | { readonly field: string; readonly message: string };

export const NOT_A_PLAINTEXT = 0xffffffff;

export default function run(task: VerifyTask | CombineTask): VerifyResult | CombineResult {
  const G = groupByName(task.group) as Group<unknown>;
  return task.kind === 'verify' ? verifyRange(G, task) : combineRange(G, task);
}

function verifyRange(G: Group<unknown>, task: VerifyTask): VerifyResult {
  const size = 2 * task.width * G.elementLength;
  const factorSize = task.width * G.elementLength;
  const proofLength = 2 * G.scalarLength;
  const verifier = new PartialDecryptionVerifier(G, task.election, task.trustee, G.decode(task.verificationKey, 'verificationKey'));
  const count = task.ciphertexts.length / size;
  for (let i = 0; i < count; i++) {
    const index = task.start + i;
    const ciphertext = decodeCiphertext(G, task.ciphertexts.subarray(i * size, (i + 1) * size), task.width, `ciphertexts[${index}]`);
    let partial;
    try {
      partial = {
        factors: G.decodeMany(task.factors.subarray(i * factorSize, (i + 1) * factorSize), task.width, `payload.factors[${index}]`),
        proof: decodeSchnorrProof(G, task.proofs.subarray(i * proofLength, (i + 1) * proofLength), `payload.proofs[${index}]`),
      };
    } catch (e) {
      if (e instanceof DecodeError) return { bad: index, reason: e.message };
      throw e;
    }
    if (!verifier.verify(ciphertext, partial)) return { bad: index, reason: `the proof of partial decryption ${index} does not verify` };
  }
  return { bad: null };
}

function combineRange(G: Group<unknown>, task: CombineTask): CombineResult {
  const size = 2 * task.width * G.elementLength;
  const factorSize = task.width * G.elementLength;
  const lambdas = task.lambdas.map((l, j) => G.scalars.decode(l, `lambdas[${j}]`));
  const count = task.ciphertexts.length / size;
  const out: Uint8Array[] = [];
  let total = 0;
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
    // m_k = b_k / Π_j d_jk^{λ_j} (docs/crypto.md §8.8), Σ λ_j·d_jk in one multi-scalar multiplication.
    const elements = ciphertext.b.map((b, k) => G.subtract(b, G.msmPublic(factors.map((f) => f[k]), lambdas)));
    let plaintext: Uint8Array | null;
    try {
      plaintext = decodePlaintext(G, elements);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      plaintext = null;
    }
    const record = new Uint8Array(4 + (plaintext?.length ?? 0));
    new DataView(record.buffer).setUint32(0, plaintext === null ? NOT_A_PLAINTEXT : plaintext.length);
    if (plaintext) record.set(plaintext, 4);
    out.push(record);
    total += record.length;
  }
  const plaintexts = new Uint8Array(total);
  let offset = 0;
  for (const r of out) {
    plaintexts.set(r, offset);
    offset += r.length;
  }
  return { plaintexts };
}
