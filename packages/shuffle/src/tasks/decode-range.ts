import { DecodeError, type Group } from '@ostraka/crypto';

/**
 * Decodes `count` packed elements starting at element index `first` of a list that begins at
 * byte `base`; a failure names the element by its index in the whole list (`field[index]`).
 */
export function decodeElements<E>(group: Group<E>, bytes: Uint8Array, base: number, first: number, count: number, field: string): E[] {
  const L = group.elementLength;
  try {
    return group.decodeMany(bytes, count, field, base + first * L);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    // Find the culprit one by one, to report its absolute index.
    for (let k = 0; k < count; k++) {
      const at = base + (first + k) * L;
      group.decode(bytes.subarray(at, at + L), `${field}[${first + k}]`);
    }
    throw error;
  }
}

/** Decodes `count` packed ciphertexts of width w from ciphertext index `first`, as a flat list a_1, b_1, …, a_w, b_w per ciphertext. */
export function decodeCiphertexts<E>(group: Group<E>, bytes: Uint8Array, width: number, first: number, count: number, field: string): E[] {
  const perCiphertext = 2 * width;
  const L = group.elementLength;
  try {
    return group.decodeMany(bytes, count * perCiphertext, field, first * perCiphertext * L);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    for (let k = 0; k < count * perCiphertext; k++) {
      const at = (first * perCiphertext + k) * L;
      const index = first + Math.floor(k / perCiphertext);
      const component = Math.floor((k % perCiphertext) / 2);
      group.decode(bytes.subarray(at, at + L), `${field}[${index}].${k % 2 === 0 ? 'a' : 'b'}[${component}]`);
    }
    throw error;
  }
}

/** Decodes `count` packed scalars from scalar index `first` of a list at byte `base` (each below q). */
export function decodeScalars(group: Group<unknown>, bytes: Uint8Array, base: number, first: number, count: number, field: string): bigint[] {
  const S = group.scalarLength;
  const out: bigint[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const at = base + (first + k) * S;
    out[k] = group.scalars.decode(bytes.subarray(at, at + S), `${field}[${first + k}]`);
  }
  return out;
}
