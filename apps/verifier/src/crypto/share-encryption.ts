/**
 * Opening a share of the key ceremony (docs/crypto.md §8.4) with the shared point D: HKDF-SHA-256
 * derives the key from D, the address (group, election, dealer, recipient), the recipient's key and
 * the ephemeral key; ChaCha20-Poly1305 (node:crypto, RFC 8439) with a zero nonce decrypts.
 */
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { concat, frame, u32be, utf8 } from '../encoding/bytes.js';
import type { Group, Point } from './group.js';

export interface ShareAddress {
  group: Group;
  election: string;
  dealer: number;
  recipient: number;
}

export type Opening = { share: bigint } | { failure: 'does not decrypt' | 'not a canonical scalar' };

function address(a: ShareAddress): Uint8Array {
  return concat(frame(utf8(a.group.name)), frame(utf8(a.election)), frame(u32be(a.dealer)), frame(u32be(a.recipient)));
}

export function openShare(a: ShareAddress, recipientKey: Point, ephemeral: Point, sharedPoint: Point, ciphertext: Uint8Array): Opening {
  const { group } = a;
  const info = concat(address(a), frame(group.encode(recipientKey)), frame(group.encode(ephemeral)));
  const key = new Uint8Array(hkdfSync('sha256', group.encode(sharedPoint), utf8('ostraka-v1-dkg-share-encryption'), info, 32));
  if (ciphertext.length !== 48) return { failure: 'does not decrypt' };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, new Uint8Array(12), { authTagLength: 16 });
    decipher.setAAD(concat(frame(utf8('ostraka-v1-dkg-share')), address(a)), { plaintextLength: 32 });
    decipher.setAuthTag(ciphertext.subarray(32));
    plain = Buffer.concat([decipher.update(ciphertext.subarray(0, 32)), decipher.final()]);
  } catch {
    return { failure: 'does not decrypt' };
  }
  const share = group.decodeScalar(new Uint8Array(plain));
  return typeof share === 'string' ? { failure: 'not a canonical scalar' } : { share };
}
