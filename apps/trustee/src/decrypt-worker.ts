/**
 * A piscina worker: partial decryptions with proofs for one range of a packed ciphertext list.
 * It receives and returns packed bytes (no objects, no hex), and imports only the crypto core.
 */
import { DecodeError, decodeCiphertext, encodeSchnorrProof, groupByName, partialDecrypt, type GroupName } from '@ostraka/crypto';

export interface DecryptTask {
  readonly group: GroupName;
  readonly election: string;
  readonly trustee: number;
  /** x_j, the scalar's canonical encoding. */
  readonly keyShare: Uint8Array;
  readonly verificationKey: Uint8Array;
  readonly width: number;
  /** Index of the first ciphertext of the range in the whole list (for error messages). */
  readonly start: number;
  /** The range's ciphertexts, concatenated encodings. */
  readonly ciphertexts: Uint8Array;
}

export type DecryptResult =
  | { readonly ok: true; readonly factors: Uint8Array; readonly proofs: Uint8Array }
  | { readonly ok: false; readonly field: string; readonly message: string };

export default function decryptRange(task: DecryptTask): DecryptResult {
  const G = groupByName(task.group);
  const x = G.scalars.decode(task.keyShare, 'keyShare');
  const vk = G.decode(task.verificationKey, 'verificationKey');
  const size = 2 * task.width * G.elementLength;
  const count = task.ciphertexts.length / size;
  const factors = new Uint8Array(count * task.width * G.elementLength);
  const proofLength = 2 * G.scalarLength;
  const proofs = new Uint8Array(count * proofLength);
  for (let i = 0; i < count; i++) {
    let ciphertext;
    try {
      ciphertext = decodeCiphertext(G, task.ciphertexts.subarray(i * size, (i + 1) * size), task.width, `ciphertexts[${task.start + i}]`);
    } catch (e) {
      // Errors do not cross threads with their fields; the field travels as data.
      if (e instanceof DecodeError) return { ok: false, field: e.field, message: e.message.slice(e.field.length + 2) };
      throw e;
    }
    const partial = partialDecrypt(G, task.election, task.trustee, x, vk, ciphertext);
    factors.set(G.encodeMany(partial.factors), i * task.width * G.elementLength);
    proofs.set(encodeSchnorrProof(G, partial.proof), i * proofLength);
  }
  return { ok: true, factors, proofs };
}
