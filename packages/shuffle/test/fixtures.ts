import fc from 'fast-check';
import {
  concatBytes,
  decodeCiphertext,
  decrypt,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  generateKeyPair,
  GROUP_NAMES,
  groupByName,
  type Group,
  type GroupName,
  toHex,
  type RandomSource,
} from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';

export const GROUPS: GroupName[] = [...GROUP_NAMES];

/** An election of one group and width: key pair, statement, and `n` encrypted messages. */
export interface Election {
  readonly group: Group<unknown>;
  readonly statement: ShuffleStatement;
  readonly secretKey: bigint;
  readonly rng: RandomSource;
  /** The plaintext elements of each input, as encodings (for comparing decryptions). */
  readonly messages: Uint8Array[][];
  readonly inputs: Uint8Array;
}

export function makeElection(name: GroupName, n: number, width: number, seed: string, round = 1): Election {
  const group = groupByName(name);
  const rng = deterministicRandom(`shuffle-test/${name}/${seed}`);
  const keys = generateKeyPair(group, rng);
  const elgamal = new ElGamal(group, keys.public);
  const messages: Uint8Array[][] = [];
  const ciphertexts: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const m = Array.from({ length: width }, () => group.multiplyPublic(group.generator, group.scalars.randomNonZero(rng)));
    messages.push(m.map((e) => group.encode(e)));
    ciphertexts.push(encodeCiphertext(group, elgamal.encrypt(m, rng).ciphertext));
  }
  return {
    group,
    statement: { group: name, publicKey: group.encode(keys.public), width, election: `election-${seed}`, round },
    secretKey: keys.secret,
    rng,
    messages,
    inputs: concatBytes(...ciphertexts),
  };
}

/** fast-check: a group, a small N (0 and 1 included) and a width. */
export const electionShape = (maxN = 6, maxWidth = 3) =>
  fc.record({
    group: fc.constantFrom(...GROUPS),
    n: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 2, max: maxN })),
    width: fc.integer({ min: 1, max: maxWidth }),
    seed: fc.string({ minLength: 1, maxLength: 8 }),
  });

/** Runs per property: each run shuffles, proves and verifies at least once. */
export const RUNS = { numRuns: 8 };

/** A fresh re-encryption of input j, encoded. */
export function reencryptInput(election: Election, j: number): Uint8Array {
  const { group, statement, inputs } = election;
  const C = 2 * statement.width * group.elementLength;
  const elgamal = new ElGamal(group, group.decode(statement.publicKey));
  const ciphertext = decodeCiphertext(group, inputs.subarray(j * C, (j + 1) * C), statement.width);
  return encodeCiphertext(group, elgamal.reEncrypt(ciphertext, election.rng).ciphertext);
}

/** A fresh encryption of a random message, encoded. */
export function freshCiphertext(election: Election): Uint8Array {
  const { group, statement } = election;
  const elgamal = new ElGamal(group, group.decode(statement.publicKey));
  const m = Array.from({ length: statement.width }, () => group.multiplyPublic(group.generator, group.scalars.randomNonZero(election.rng)));
  return encodeCiphertext(group, elgamal.encrypt(m, election.rng).ciphertext);
}

/** The decryptions of a packed list, each as the hex of its elements' encodings. */
export function decryptAll(election: Election, packed: Uint8Array): string[] {
  const { group, statement, secretKey } = election;
  const C = 2 * statement.width * group.elementLength;
  const out: string[] = [];
  for (let i = 0; i < packed.length / C; i++) {
    const ciphertext = decodeCiphertext(group, packed.subarray(i * C, (i + 1) * C), statement.width);
    out.push(decrypt(group, secretKey, ciphertext).map((m) => toHex(group.encode(m))).join(''));
  }
  return out;
}

export function messagesOf(election: Election): string[] {
  return election.messages.map((m) => m.map(toHex).join(''));
}

/** Ciphertext i of a packed list. */
export function ciphertextAt(election: Election, packed: Uint8Array, i: number): Uint8Array {
  const C = 2 * election.statement.width * election.group.elementLength;
  return packed.slice(i * C, (i + 1) * C);
}

/** A copy of `packed` with ciphertext i replaced. */
export function replaceCiphertext(election: Election, packed: Uint8Array, i: number, replacement: Uint8Array): Uint8Array {
  const C = 2 * election.statement.width * election.group.elementLength;
  const out = packed.slice();
  out.set(replacement, i * C);
  return out;
}
