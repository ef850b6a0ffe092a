import { sha512 } from '@noble/hashes/sha2.js';
import { csprng, signedMessage, signingKeyFromSecret, utf8, type RandomSource, type SigningKey } from '@ostraka/crypto';

/**
 * Voter credentials, as in Belenios: the credential authority draws one secret code per voter,
 * mails it, and registers only the public signing key derived from it. The board sees the list of
 * public credentials and never who holds which (docs/transcript.md §Credentials).
 *
 * A code is 20 characters of Crockford base32 (no I, L, O, U), shown as 5 groups of 4
 * (`K7QM-2XH9-…`): 19 random characters (95 bits) and a check character that catches a mistyped
 * or swapped character.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 19;

export class CredentialCodeError extends Error {
  override readonly name = 'CredentialCodeError';
}

/** Multiplication in GF(32) = GF(2)[x] / (x^5 + x^2 + 1). */
function gf32Multiply(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 5; i++) if (b & (1 << i)) product ^= a << i;
  for (let bit = 8; bit >= 5; bit--) if (product & (1 << bit)) product ^= 0b100101 << (bit - 5);
  return product;
}

/**
 * The check character Σ α^i · v_i over GF(32), α = x (a generator of the multiplicative group, of
 * order 31). The weights α^0..α^18 are distinct and non-zero, so every single substitution
 * (Δ·α^i ≠ 0) and every swap of two different adjacent characters ((v_i − v_{i+1})(α^i − α^{i+1}) ≠ 0)
 * changes the check character.
 */
function checkCharacter(chars: string): string {
  let sum = 0;
  let weight = 1;
  for (const c of chars) {
    sum ^= gf32Multiply(weight, ALPHABET.indexOf(c));
    weight = gf32Multiply(weight, 2);
  }
  return ALPHABET[sum];
}

export function generateCredentialCode(rng: RandomSource = csprng): string {
  let chars = '';
  while (chars.length < RANDOM_CHARS) {
    // Rejection-free: 32 symbols, 5 bits each, from one byte's low bits.
    for (const byte of rng(RANDOM_CHARS)) if (chars.length < RANDOM_CHARS) chars += ALPHABET[byte & 31];
  }
  return formatCode(chars + checkCharacter(chars));
}

function formatCode(chars: string): string {
  return (chars.match(/.{4}/g) as string[]).join('-');
}

/**
 * Normalises what a voter typed (case, spaces, dashes, and the usual confusions O→0, I/L→1) and
 * checks the check character; a wrong code is a CredentialCodeError, never a silent correction.
 */
export function normalizeCredentialCode(typed: string): string {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== RANDOM_CHARS + 1 || [...chars].some((c) => !ALPHABET.includes(c)))
    throw new CredentialCodeError('a credential code has 20 characters (letters and digits), like K7QM-2XH9-…');
  if (checkCharacter(chars.slice(0, RANDOM_CHARS)) !== chars[RANDOM_CHARS])
    throw new CredentialCodeError('this credential code has a typing mistake (its check character does not match)');
  return formatCode(chars);
}

/**
 * The credential's Ed25519 key: secret = first 32 bytes of
 * SHA-512(signed_message("ostraka-credential-v1", utf8(election) ‖ 0x00 ‖ utf8(code))).
 * Bound to the election, so one code never signs in another election.
 */
export function credentialKey(election: string, code: string): SigningKey {
  const normalized = normalizeCredentialCode(code);
  const input = signedMessage('ostraka-credential-v1', new Uint8Array([...utf8(election), 0, ...utf8(normalized)]));
  return signingKeyFromSecret(sha512(input).slice(0, 32));
}
