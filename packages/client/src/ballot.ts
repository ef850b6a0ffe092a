import { sha256 } from '@noble/hashes/sha2.js';
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
  utf8,
  type Group,
  type RandomSource,
  type SigningKey,
} from '@ostraka/crypto';
import { canonicalJson, electionWidth, encodeBallot, type Answer, type BallotData, type FullManifest, type Json } from '@ostraka/protocol';

// Building the ElGamal scheme precomputes fixed-base tables for g and the joint key (about 30 ms
// for ristretto255, several times a ballot's own cost); a booth or a load generator that casts
// many ballots of one election reuses the last one.
let lastScheme: { group: string; jointKey: string; scheme: ElGamal<unknown> } | null = null;

function encryptionScheme(group: Group<unknown>, jointKeyHex: string): ElGamal<unknown> {
  if (lastScheme?.group !== group.name || lastScheme.jointKey !== jointKeyHex)
    lastScheme = { group: group.name, jointKey: jointKeyHex, scheme: new ElGamal(group, group.decode(fromHex(jointKeyHex, 'joint key'), 'joint key')) };
  return lastScheme.scheme;
}

/**
 * Encrypts a voter's answers into a ballot (docs/election.md §5): the answers' fixed-size
 * plaintext, embedded in `width` elements, ElGamal-encrypted under the joint key, with the proof of
 * knowledge of the randomness bound to the election and to the credential. Rules of every question
 * are enforced before anything is encrypted (InvalidBallotError).
 */
export function createBallot(
  manifest: FullManifest,
  jointKeyHex: string,
  answers: readonly Answer[],
  credential: SigningKey,
  rng: RandomSource = csprng,
): BallotData {
  const group = groupByName(manifest.group) as Group<unknown>;
  const width = electionWidth(manifest);
  const plaintext = encodeBallot(manifest.questions, answers);
  const scheme = encryptionScheme(group, jointKeyHex);
  const { ciphertext, randomness } = scheme.encrypt(encodePlaintext(group, plaintext, width), rng);
  const proof = proveEncryption(group, { election: manifest.id, step: 'ballot' }, credential.publicKey, scheme.publicKey, ciphertext, randomness, rng);
  return {
    election: manifest.id,
    credential: toHex(credential.publicKey),
    ciphertext: toHex(encodeCiphertext(group, ciphertext)),
    proof: toHex(encodeEncryptionProof(group, proof)),
  };
}

/** The ballot's tracker: SHA-256 of its canonical JSON, what the voter keeps and looks up. */
export function ballotTracker(ballot: BallotData): string {
  return toHex(sha256(utf8(canonicalJson(ballot as unknown as Json))));
}
