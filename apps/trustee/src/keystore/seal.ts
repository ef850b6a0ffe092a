import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { concatBytes, csprng, fromHex, toHex, utf8 } from '@ostraka/crypto';
import { canonicalJsonBytes, type Json } from '@ostraka/protocol';
import { KeystoreError } from '../errors.js';
import type { KeystoreFile } from './format.js';

/** Prefix of the AEAD associated data: the header is bound, and only as a keystore header. */
const HEADER_LABEL = 'ostraka-v1-keystore-header';

/**
 * The sealing key: scrypt(NFC(passphrase), salt, N = 2^logN, r = 8, p = 1, 32 bytes). NFC, so
 * that the same passphrase typed on another keyboard layout or OS gives the same key.
 */
function sealingKey(passphrase: string, kdf: KeystoreFile['kdf']): Uint8Array {
  return scrypt(utf8(passphrase.normalize('NFC')), fromHex(kdf.salt, 'kdf.salt', 16), {
    N: 2 ** kdf.logN,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    // N = 2^20 with r = 8 needs 1 GiB; noble's default limit is just that.
    maxmem: 2 ** 31,
  });
}

function associatedData(header: Omit<KeystoreFile, 'secrets'>): Uint8Array {
  return concatBytes(utf8(HEADER_LABEL), canonicalJsonBytes(header as unknown as Json));
}

/** Seals `plaintext` under the passphrase with a fresh salt and nonce. */
export function seal(header: Omit<KeystoreFile, 'kdf' | 'cipher' | 'secrets'>, plaintext: Uint8Array, passphrase: string, logN: number): KeystoreFile {
  const kdf = { name: 'scrypt' as const, logN, r: 8 as const, p: 1 as const, salt: toHex(csprng(16)) };
  const cipher = { name: 'xchacha20-poly1305' as const, nonce: toHex(csprng(24)) };
  const full = { ...header, kdf, cipher };
  const sealed = xchacha20poly1305(sealingKey(passphrase, kdf), fromHex(cipher.nonce), associatedData(full)).encrypt(plaintext);
  return { ...full, secrets: toHex(sealed) };
}

/** Opens a keystore; a wrong passphrase and an altered file are indistinguishable, by design of the AEAD. */
export function unseal(file: KeystoreFile, passphrase: string): Uint8Array {
  const { secrets, ...header } = file;
  try {
    return xchacha20poly1305(sealingKey(passphrase, file.kdf), fromHex(file.cipher.nonce), associatedData(header)).decrypt(fromHex(secrets));
  } catch {
    throw new KeystoreError('the keystore does not open: wrong passphrase, or the keystore file was damaged or altered');
  }
}
