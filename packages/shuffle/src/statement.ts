import { DecodeError, groupByName, type Group, type GroupName } from '@ostraka/crypto';

/**
 * What a shuffle proof is about, besides the two ciphertext lists: the group, the election's
 * public key, the ciphertexts' width, and the place of this shuffle in the election (the
 * election id and the mix round). All of it is bound into the generators and the challenges
 * (docs/crypto.md §9), so a proof made for one round is worthless in any other.
 */
export interface ShuffleStatement {
  readonly group: GroupName;
  /** The election public key, in its canonical encoding. */
  readonly publicKey: Uint8Array;
  /** Elements per plaintext (ciphertext components), 1 ≤ width ≤ 65,535. */
  readonly width: number;
  readonly election: string;
  /** The mix round, 0 ≤ round < 2^32. */
  readonly round: number;
}

/** A statement with its group resolved and its public key decoded, shared by every phase. */
export interface ResolvedStatement<E = unknown> {
  readonly statement: ShuffleStatement;
  readonly group: Group<E>;
  readonly publicKey: E;
  readonly width: number;
  /** Bytes of one encoded ciphertext: 2·width·elementLength. */
  readonly ciphertextLength: number;
}

export const MAX_WIDTH = 0xffff;
/** N is written as a u32 in the proof header and generator indices are u32. */
export const MAX_CIPHERTEXTS = 0xffffffff - 1;

/** Checks a statement's shape and decodes its public key; a TypeError/RangeError/DecodeError if it is malformed. */
export function resolveStatement(statement: ShuffleStatement): ResolvedStatement {
  if (typeof statement !== 'object' || statement === null) throw new TypeError('statement: expected an object');
  const group = groupByName(statement.group);
  const { width, round, election } = statement;
  if (!Number.isSafeInteger(width) || width < 1 || width > MAX_WIDTH)
    throw new RangeError(`statement.width: expected an integer in [1, ${MAX_WIDTH}], got ${width}`);
  if (!Number.isSafeInteger(round) || round < 0 || round > 0xffffffff)
    throw new RangeError(`statement.round: expected an integer in [0, 2^32), got ${round}`);
  if (typeof election !== 'string') throw new TypeError('statement.election: expected a string');
  const publicKey = group.decode(statement.publicKey, 'statement.publicKey');
  return { statement, group, publicKey, width, ciphertextLength: 2 * width * group.elementLength };
}

/** The number of ciphertexts in a packed list; a DecodeError if its length is not a whole number of them. */
export function countCiphertexts(resolved: ResolvedStatement, packed: Uint8Array, field: string): number {
  if (!(packed instanceof Uint8Array)) throw new DecodeError('WRONG_TYPE', field, 'expected packed ciphertext bytes');
  const n = packed.length / resolved.ciphertextLength;
  if (!Number.isInteger(n))
    throw new DecodeError(
      'WRONG_LENGTH',
      field,
      `${packed.length} bytes is not a whole number of width-${resolved.width} ciphertexts of ${resolved.ciphertextLength} bytes`,
    );
  if (n > MAX_CIPHERTEXTS) throw new DecodeError('WRONG_LENGTH', field, 'too many ciphertexts');
  return n;
}

/** The transcript step of a mix round, e.g. `mix/3`. */
export function mixStep(round: number): string {
  return `mix/${round}`;
}
