import {
  csprng,
  ElGamal,
  encodeCiphertext,
  encodeEncryptionProof,
  encodePlaintext,
  fromHex,
  groupByName,
  proveEncryption,
  toHex,
  type Group,
  type RandomSource,
  type SigningKey,
} from '@ostraka/crypto';
import { answerSize, decodeBallot, electionWidth, encodeBallot, InvalidBallotError, type Answer, type BallotData, type FullManifest, type Question } from '@ostraka/protocol';

/**
 * Ballots that are well-formed and carry a valid proof, but whose plaintext is no valid vote: what
 * a modified voting client could cast. The board cannot see inside, so it accepts them; after
 * decryption the tally counts them as invalid (docs/transcript.md §10.9). Each variant breaks one
 * rule of one question of the manifest.
 */
export function invalidPlaintext(questions: readonly Question[], valid: readonly Answer[], variant: number): { bytes: Uint8Array; reason: string } {
  const breakers: { reason: string; apply: (slot: Uint8Array, q: Question) => boolean }[] = [
    { reason: 'a plurality vote for a candidate that does not exist', apply: (slot, q) => q.kind === 'plurality' && ((slot[0] = q.candidates.length + 1), true) },
    {
      reason: 'an approval of more candidates than allowed',
      apply: (slot, q) => {
        if (q.kind !== 'approval' || q.maxChoices >= q.candidates.length) return false;
        slot.fill(0);
        for (let c = 0; c <= q.maxChoices; c++) slot[c >> 3] |= 1 << (c & 7);
        return true;
      },
    },
    { reason: 'a ranking that names a candidate twice', apply: (slot, q) => q.kind === 'ranked' && q.maxRanks >= 2 && ((slot[0] = 1), (slot[1] = 1), true) },
    { reason: 'a write-in longer than allowed', apply: (slot, q) => q.kind === 'write-in' && q.maxLength < 0xffff && ((slot[0] = 0xff), (slot[1] = 0xff), true) },
  ];
  const bytes = encodeBallot(questions, valid);
  for (let attempt = 0; attempt < breakers.length; attempt++) {
    const breaker = breakers[(variant + attempt) % breakers.length];
    let offset = 0;
    for (const q of questions) {
      const slot = bytes.subarray(offset, offset + answerSize(q));
      offset += slot.length;
      if (breaker.apply(slot, q)) {
        assertInvalid(questions, bytes);
        return { bytes, reason: `${breaker.reason} (question "${q.id}")` };
      }
    }
  }
  throw new RangeError('no question of this manifest can be answered invalidly');
}

function assertInvalid(questions: readonly Question[], bytes: Uint8Array): void {
  try {
    decodeBallot(questions, bytes);
  } catch (e) {
    if (e instanceof InvalidBallotError) return;
    throw e;
  }
  throw new Error('the demo built an "invalid" ballot that decodes as a valid vote');
}

/** Encrypts raw plaintext bytes as a ballot, with the same proof an honest client makes. */
export function encryptPlaintextBytes(manifest: FullManifest, jointKeyHex: string, plaintext: Uint8Array, credential: SigningKey, rng: RandomSource = csprng): BallotData {
  const group = groupByName(manifest.group) as Group<unknown>;
  const scheme = new ElGamal(group, group.decode(fromHex(jointKeyHex, 'joint key'), 'joint key'));
  const { ciphertext, randomness } = scheme.encrypt(encodePlaintext(group, plaintext, electionWidth(manifest)), rng);
  const proof = proveEncryption(group, { election: manifest.id, step: 'ballot' }, credential.publicKey, scheme.publicKey, ciphertext, randomness, rng);
  return {
    election: manifest.id,
    credential: toHex(credential.publicKey),
    ciphertext: toHex(encodeCiphertext(group, ciphertext)),
    proof: toHex(encodeEncryptionProof(group, proof)),
  };
}
