import { sha512 } from '@noble/hashes/sha2.js';
import { Transcript, u32be } from '@ostraka/crypto';
import { mixStep, type ResolvedStatement } from './statement.js';

/** Fiat–Shamir protocol names of the shuffle (docs/crypto.md §9.2, §9.3). */
export const SHUFFLE_PROTOCOL = 'shuffle';
export const GENERATORS_PROTOCOL = 'shuffle-generators';

/** Bit length of the challenge vector u (docs/crypto.md §9.3). */
export const U_BITS = 128;

/**
 * The seed of the generators h_0..h_N: it binds the group, the election, the mix round and N,
 * so every round of every election has its own independent generators. Verifiers derive it
 * (and the generators) themselves; it never travels in a proof.
 */
export function generatorsSeed(resolved: ResolvedStatement, n: number): Uint8Array {
  const { statement } = resolved;
  return new Transcript(GENERATORS_PROTOCOL, { election: statement.election, step: mixStep(statement.round) })
    .appendString('group', resolved.group.name)
    .append('n', u32be(n))
    .challengeBytes('seed');
}

/** The transcript after the statement: group, key, width, N, generators' seed, inputs, outputs. */
export function statementTranscript(
  resolved: ResolvedStatement,
  n: number,
  seed: Uint8Array,
  inputs: Uint8Array,
  outputs: Uint8Array,
  protocol = SHUFFLE_PROTOCOL,
): Transcript {
  const { statement } = resolved;
  return new Transcript(protocol, { election: statement.election, step: mixStep(statement.round) })
    .appendString('group', resolved.group.name)
    .append('public_key', statement.publicKey)
    .append('width', u32be(resolved.width))
    .append('n', u32be(n))
    .append('generators_seed', seed)
    .append('inputs', inputs)
    .append('outputs', outputs);
}

/**
 * u_j (j = 1..N): the first 16 bytes of SHA-512(u_seed ‖ u32be(j)) as a big-endian integer,
 * a 128-bit challenge per input (docs/crypto.md §9.3). Any u_j is computed on its own, so
 * workers derive the ones they need.
 */
export class ChallengeVector {
  private readonly message: Uint8Array;
  private readonly view: DataView;

  constructor(uSeed: Uint8Array) {
    if (uSeed.length !== 64) throw new RangeError('u seed: expected 64 bytes');
    this.message = new Uint8Array(68);
    this.message.set(uSeed);
    this.view = new DataView(this.message.buffer, 64, 4);
  }

  /** u_j for a 1-based index j. */
  at(j: number): bigint {
    this.view.setUint32(0, j, false);
    const digest = sha512(this.message);
    const d = new DataView(digest.buffer, digest.byteOffset, 16);
    return (d.getBigUint64(0, false) << 64n) | d.getBigUint64(8, false);
  }
}
