/**
 * The tasks the worker pool runs (see pool.ts). Each takes plain data and returns plain data.
 */
import { parseHex } from './encoding/hex.js';
import { verifyEd25519 } from './log/ed25519.js';

export function verifySignatures(input: { keys: string[]; messages: Uint8Array[]; signatures: string[] }): boolean[] {
  return input.keys.map((key, i) => verifyEd25519(parseHex(key)!, input.messages[i], parseHex(input.signatures[i])!));
}

export { verifyRoundsRange } from './shuffle/range.js';
export { checkBallotProofs } from './election/ballot-proof.js';
export { decryptRange } from './election/partial-decryption.js';
