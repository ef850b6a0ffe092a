import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Administrator passwords, hashed with scrypt (N = 2^15, r = 8, p = 1: 32 MiB and tens of
 * milliseconds per guess) under a 16-byte random salt. The stored form names its parameters, so
 * that a later cost increase still verifies older hashes:
 * `scrypt$<logN>$<r>$<p>$<salt hex>$<hash hex>`.
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // Node runs scrypt on its thread pool: sign-ins never block the board's event loop.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return ['scrypt', LOG_N, R, P, salt.toString('hex'), key.toString('hex')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(parts[5], 'hex');
  const key = await derive(password, Buffer.from(parts[4], 'hex'), logN, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let decoy: Promise<string> | null = null;

/** A hash of a random password, checked when the username is unknown, so that the answer takes as long. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
