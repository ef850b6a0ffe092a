import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, u32be, utf8 } from '../bytes.js';
import { DecodeError } from '../errors.js';
import type { Group } from '../group/group.js';
import { csprng, type RandomSource } from '../random.js';
import { trusteeIndexCheck } from './contexts.js';

/** Which share this is: the election, its dealer i and its recipient j. */
export interface ShareAddress {
  readonly election: string;
  readonly dealer: number;
  readonly recipient: number;
}

/**
 * s_ij encrypted to recipient j's share-encryption key E_j = g^{e_j} (docs/crypto.md §8.4):
 * an ephemeral K = g^k and the AEAD ciphertext of the share's scalar encoding under a key
 * derived from the shared point D = E_j^k = K^{e_j}.
 */
export interface EncryptedShare<E> {
  readonly recipient: number;
  readonly ephemeral: E;
  /** ChaCha20-Poly1305 ciphertext and tag: scalarLength + 16 bytes. */
  readonly ciphertext: Uint8Array;
}

export type ShareOpening = { readonly ok: true; readonly share: bigint } | { readonly ok: false; readonly reason: string };

export const SHARE_KDF_SALT = 'ostraka-v1-dkg-share-encryption';
export const SHARE_AEAD_LABEL = 'ostraka-v1-dkg-share';
const TAG_LENGTH = 16;
/** Every key encrypts exactly one share (K is fresh), so a constant nonce never repeats under a key. */
const NONCE = new Uint8Array(12);

/** u32be(len(x)) ‖ x for each part: no two lists of parts share an encoding. */
function frame(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts.flatMap((p) => [u32be(p.length), p]));
}

function addressFields(group: Group<unknown>, address: ShareAddress): Uint8Array[] {
  return [
    utf8(group.name),
    utf8(address.election),
    u32be(trusteeIndexCheck(address.dealer, 'dealer')),
    u32be(trusteeIndexCheck(address.recipient, 'recipient')),
  ];
}

/** The share's AEAD key: HKDF-SHA-256 over D, bound to the address, E_j and K (docs/crypto.md §8.4). */
export function shareEncryptionKey<E>(group: Group<E>, address: ShareAddress, recipientKey: E, ephemeral: E, sharedPoint: E): Uint8Array {
  const info = frame(...addressFields(group, address), group.encode(recipientKey), group.encode(ephemeral));
  return hkdf(sha256, group.encode(sharedPoint), utf8(SHARE_KDF_SALT), info, 32);
}

function aead<E>(group: Group<E>, address: ShareAddress, recipientKey: E, ephemeral: E, sharedPoint: E) {
  const associatedData = frame(utf8(SHARE_AEAD_LABEL), ...addressFields(group, address));
  return chacha20poly1305(shareEncryptionKey(group, address, recipientKey, ephemeral, sharedPoint), NONCE, associatedData);
}

export function encryptedShareLength(group: Group<unknown>): number {
  return group.scalarLength + TAG_LENGTH;
}

export function encryptShare<E>(
  group: Group<E>,
  address: ShareAddress,
  recipientKey: E,
  share: bigint,
  rng: RandomSource = csprng,
): EncryptedShare<E> {
  if (group.isIdentity(recipientKey)) throw new RangeError('the recipient key must not be the identity');
  const k = group.scalars.randomNonZero(rng);
  const ephemeral = group.multiply(group.generator, k);
  const sharedPoint = group.multiply(recipientKey, k);
  const ciphertext = aead(group, address, recipientKey, ephemeral, sharedPoint).encrypt(group.scalars.encode(share));
  return { recipient: address.recipient, ephemeral, ciphertext };
}

/** D = K^{e_j}: what recipient j computes with its secret, and reveals in a complaint. */
export function sharedPoint<E>(group: Group<E>, recipientSecret: bigint, ephemeral: E): E {
  return group.multiply(ephemeral, recipientSecret);
}

/**
 * Opens an encrypted share with the shared point D. Anyone holding D (the recipient, or everyone
 * once a complaint reveals it) gets the same answer: the share, or the reason it is not one.
 */
export function openShare<E>(group: Group<E>, address: ShareAddress, recipientKey: E, encrypted: EncryptedShare<E>, shared: E): ShareOpening {
  if (encrypted.ciphertext.length !== encryptedShareLength(group)) return { ok: false, reason: 'encrypted share has the wrong length' };
  let plaintext: Uint8Array;
  try {
    plaintext = aead(group, address, recipientKey, encrypted.ephemeral, shared).decrypt(encrypted.ciphertext);
  } catch {
    return { ok: false, reason: 'encrypted share does not decrypt (authentication failed)' };
  }
  try {
    return { ok: true, share: group.scalars.decode(plaintext, 'share') };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, reason: 'decrypted share is not a canonical scalar' };
    throw e;
  }
}

export function decryptShare<E>(
  group: Group<E>,
  address: ShareAddress,
  recipientSecret: bigint,
  recipientKey: E,
  encrypted: EncryptedShare<E>,
): ShareOpening {
  return openShare(group, address, recipientKey, encrypted, sharedPoint(group, recipientSecret, encrypted.ephemeral));
}
