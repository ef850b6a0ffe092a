import { sha256 } from '@noble/hashes/sha2.js';
import {
  ciphertextLength,
  concatBytes,
  decodeCiphertext,
  encodeCiphertext,
  fromHex,
  toHex,
  u32be,
  u64be,
  utf8,
  type Ciphertext,
  type Group,
} from '@ostraka/crypto';
import { z } from 'zod';
import { electionIdSchema } from '../manifest.js';
import { decodeField, InvalidFileError } from './errors.js';
import { hexOfLength, packedHex } from './hex.js';

export const CIPHERTEXT_LIST_TYPE = 'ciphertext.list';
export const CIPHERTEXT_LIST_HASH_TAG = 'ostraka-v1-ciphertext-list';
/** Widest ciphertext vector accepted (1024 elements carry ≥ 30 KiB of plaintext). */
export const MAX_CIPHERTEXT_WIDTH = 1024;

/**
 * A list of ciphertext vectors, as the last mix server outputs it and the trustees decrypt it:
 * `ciphertexts` is the hex of the concatenated `encodeCiphertext` encodings (a_1 ‖ b_1 ‖ … ‖
 * a_w ‖ b_w for each vector), and `hash` identifies the list (ciphertextListHash), so that a
 * partial decryption names exactly the list it decrypts.
 */
export const ciphertextListSchema = z.strictObject({
  type: z.literal(CIPHERTEXT_LIST_TYPE),
  election: electionIdSchema,
  group: z.enum(['ristretto255', 'p256']),
  width: z.int().min(1).max(MAX_CIPHERTEXT_WIDTH),
  count: z.int().min(0),
  ciphertexts: packedHex,
  hash: hexOfLength(32),
});
export type CiphertextListFile = z.infer<typeof ciphertextListSchema>;

function frame(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts.flatMap((p) => [u32be(p.length), p]));
}

/**
 * SHA-256(frame(tag) ‖ frame(group) ‖ frame(election) ‖ u32be(width) ‖ u64be(count) ‖ packed),
 * where frame(x) = u32be(len(x)) ‖ x and `packed` is the concatenated ciphertext encodings.
 */
export function ciphertextListHash(group: string, election: string, width: number, count: number, packed: Uint8Array): Uint8Array {
  return sha256
    .create()
    .update(frame(utf8(CIPHERTEXT_LIST_HASH_TAG), utf8(group), utf8(election)))
    .update(u32be(width))
    .update(u64be(count))
    .update(packed)
    .digest();
}

export function createCiphertextList<E>(group: Group<E>, election: string, width: number, ciphertexts: readonly Ciphertext<E>[]): CiphertextListFile {
  const size = ciphertextLength(group, width);
  const packed = new Uint8Array(ciphertexts.length * size);
  ciphertexts.forEach((c, i) => {
    if (c.a.length !== width || c.b.length !== width) throw new RangeError(`ciphertext ${i} has width ${c.a.length}, expected ${width}`);
    packed.set(encodeCiphertext(group, c), i * size);
  });
  return packCiphertextList(group.name, election, width, ciphertexts.length, packed);
}

export function packCiphertextList(group: string, election: string, width: number, count: number, packed: Uint8Array): CiphertextListFile {
  return {
    type: CIPHERTEXT_LIST_TYPE,
    election,
    group: group as CiphertextListFile['group'],
    width,
    count,
    ciphertexts: toHex(packed),
    hash: toHex(ciphertextListHash(group, election, width, count, packed)),
  };
}

/** A list whose framing is checked; its ciphertexts are still packed bytes (decode them with decodeCiphertextRange). */
export interface PackedCiphertextList {
  readonly election: string;
  readonly group: string;
  readonly width: number;
  readonly count: number;
  readonly packed: Uint8Array;
  readonly hash: Uint8Array;
}

/** Checks election, group, length and hash; does not yet decode the elements (that is the expensive part). */
export function openCiphertextList(group: Group<unknown>, election: string, file: CiphertextListFile): PackedCiphertextList {
  if (file.election !== election) throw new InvalidFileError('election', `expected election "${election}", got "${file.election}"`);
  if (file.group !== group.name) throw new InvalidFileError('group', `expected group ${group.name}, got ${file.group}`);
  const size = ciphertextLength(group, file.width);
  if (file.ciphertexts.length !== 2 * size * file.count)
    throw new InvalidFileError('ciphertexts', `expected ${file.count} ciphertexts of ${size} bytes, got ${file.ciphertexts.length / 2} bytes`);
  const packed = decodeField(() => fromHex(file.ciphertexts, 'ciphertexts'));
  const hash = ciphertextListHash(file.group, file.election, file.width, file.count, packed);
  if (toHex(hash) !== file.hash) throw new InvalidFileError('hash', 'does not match the ciphertexts: the file is damaged or was altered');
  return { election: file.election, group: file.group, width: file.width, count: file.count, packed, hash };
}

/** Strictly decodes ciphertexts [start, end) of a packed list; errors name `ciphertexts[i]`. */
export function decodeCiphertextRange<E>(group: Group<E>, packed: Uint8Array, width: number, start: number, end: number): Ciphertext<E>[] {
  const size = ciphertextLength(group, width);
  const out: Ciphertext<E>[] = [];
  for (let i = start; i < end; i++)
    out.push(decodeField(() => decodeCiphertext(group, packed.subarray(i * size, (i + 1) * size), width, `ciphertexts[${i}]`)));
  return out;
}
