import {
  decodeSchnorrProof,
  fromHex,
  InsufficientPartialsError,
  thresholdDecrypt,
  toHex,
  VerificationError,
  type Ciphertext,
  type PartialDecryption,
  type PartialRejection,
  type SigningKey,
  type ThresholdDecryption,
  type TrusteeDecryption,
} from '@ostraka/crypto';
import { z } from 'zod';
import { electionIdSchema } from '../manifest.js';
import type { PackedCiphertextList } from './ciphertext-list.js';
import { MAX_CIPHERTEXT_WIDTH } from './ciphertext-list.js';
import { decodeField, InvalidFileError } from './errors.js';
import type { CeremonyResult } from './evaluate.js';
import { hexOfLength, packedHex, trusteeIndex } from './hex.js';
import { trusteeOf, type ElectionRoster } from './roster.js';
import { signedFileSchema, signPayload, verifyPayloadSignature, type SignedFile } from './signed.js';

export const PARTIAL_DECRYPTION_TYPE = 'decryption.partial';

/**
 * Trustee j's partial decryption of a ciphertext list (docs/crypto.md §8.7): for ciphertext i,
 * the factors d_i1..d_iw (packed in `factors`, count·w elements) and the DLEQ proof challenge ‖
 * response (packed in `proofs`, 2·scalarLength bytes each); `list` is the list's hash.
 */
export const partialDecryptionPayloadSchema = z.strictObject({
  type: z.literal(PARTIAL_DECRYPTION_TYPE),
  election: electionIdSchema,
  trustee: trusteeIndex,
  list: hexOfLength(32),
  width: z.int().min(1).max(MAX_CIPHERTEXT_WIDTH),
  count: z.int().min(0),
  factors: packedHex,
  proofs: packedHex,
});
export type PartialDecryptionPayload = z.infer<typeof partialDecryptionPayloadSchema>;
export const partialDecryptionFileSchema = signedFileSchema(partialDecryptionPayloadSchema);
export type PartialDecryptionFile = SignedFile<PartialDecryptionPayload>;

/** Signs packed factors and proofs (as the trustee tool's workers produce them). */
export function signPartialDecryptions(
  key: SigningKey,
  args: { election: string; trustee: number; list: PackedCiphertextList; factors: Uint8Array; proofs: Uint8Array },
): PartialDecryptionFile {
  return signPayload(key, {
    type: PARTIAL_DECRYPTION_TYPE,
    election: args.election,
    trustee: args.trustee,
    list: toHex(args.list.hash),
    width: args.list.width,
    count: args.list.count,
    factors: toHex(args.factors),
    proofs: toHex(args.proofs),
  });
}

/** A partial-decryption file's packed factors and proofs, its fields checked against the list, not yet decoded. */
export interface PackedPartialDecryptions {
  readonly trustee: number;
  readonly factors: Uint8Array;
  readonly proofs: Uint8Array;
}

/**
 * Checks that a partial-decryption file is for this election, trustee range and list (hash,
 * count, width, lengths) and returns its packed bytes. Neither decodes the elements nor checks
 * the signature (see openPartialDecryptions, checkPartialDecryptionSignature).
 */
export function unpackPartialDecryptions<E>(roster: ElectionRoster<E>, list: PackedCiphertextList, file: PartialDecryptionFile): PackedPartialDecryptions {
  const G = roster.group;
  const p = file.payload;
  if (p.election !== roster.election) throw new InvalidFileError('payload.election', `expected election "${roster.election}", got "${p.election}"`);
  if (p.trustee > roster.count) throw new InvalidFileError('payload.trustee', `no trustee ${p.trustee} in a roster of ${roster.count}`);
  if (p.list !== toHex(list.hash)) throw new InvalidFileError('payload.list', 'decrypts another ciphertext list');
  if (p.count !== list.count) throw new InvalidFileError('payload.count', `expected ${list.count}, got ${p.count}`);
  if (p.width !== list.width) throw new InvalidFileError('payload.width', `expected ${list.width}, got ${p.width}`);
  const n = G.elementLength;
  const proofLength = 2 * G.scalarLength;
  if (p.factors.length !== 2 * n * p.width * p.count) throw new InvalidFileError('payload.factors', `expected ${p.width * p.count} elements`);
  if (p.proofs.length !== 2 * proofLength * p.count) throw new InvalidFileError('payload.proofs', `expected ${p.count} proofs of ${proofLength} bytes`);
  const factors = decodeField(() => fromHex(p.factors, 'payload.factors'));
  const proofs = decodeField(() => fromHex(p.proofs, 'payload.proofs'));
  return { trustee: p.trustee, factors, proofs };
}

/** Throws VerificationError unless the file is signed by the trustee it names. */
export function checkPartialDecryptionSignature<E>(roster: ElectionRoster<E>, file: PartialDecryptionFile): void {
  if (!verifyPayloadSignature(trusteeOf(roster, file.payload.trustee).signingKey, file))
    throw new VerificationError('signature', `the partial decryption is not signed by trustee ${file.payload.trustee}`);
}

/**
 * A partial-decryption file for this list, decoded strictly and checked to be signed by its
 * trustee. The proofs are not verified here (thresholdDecrypt does it).
 */
export function openPartialDecryptions<E>(roster: ElectionRoster<E>, list: PackedCiphertextList, file: PartialDecryptionFile): TrusteeDecryption<E> {
  const G = roster.group;
  const p = file.payload;
  const n = G.elementLength;
  const proofLength = 2 * G.scalarLength;
  const { factors, proofs } = unpackPartialDecryptions(roster, list, file);
  const partials: PartialDecryption<E>[] = [];
  for (let i = 0; i < p.count; i++)
    partials.push({
      factors: decodeField(() => G.decodeMany(factors, p.width, `payload.factors[${i}]`, i * p.width * n)),
      proof: decodeField(() => decodeSchnorrProof(G, proofs.subarray(i * proofLength, (i + 1) * proofLength), `payload.proofs[${i}]`)),
    });
  // After decoding: a damaged file is reported by its field, not as a bad signature.
  checkPartialDecryptionSignature(roster, file);
  return { trustee: p.trustee, partials };
}

/** The outcome of decrypting a list from trustees' files, with every rejected file and why. */
export interface ListDecryption<E> extends ThresholdDecryption<E> {
  readonly rejected: readonly PartialRejection[];
}

/**
 * The election flow's decryption of a ciphertext list: opens every partial-decryption file
 * (a malformed or wrongly signed file is rejected, not fatal), verifies proofs until t trustees
 * are valid, and combines. Throws InsufficientPartialsError (listing every rejection) when
 * fewer than t are valid: never a wrong plaintext.
 */
export function decryptCiphertextList<E>(
  roster: ElectionRoster<E>,
  ceremony: CeremonyResult<E>,
  list: PackedCiphertextList,
  ciphertexts: readonly Ciphertext<E>[],
  files: readonly PartialDecryptionFile[],
  options: { verifyAll?: boolean } = {},
): ListDecryption<E> {
  const fileRejections: PartialRejection[] = [];
  const submissions: TrusteeDecryption<E>[] = [];
  for (const file of files) {
    try {
      submissions.push(openPartialDecryptions(roster, list, file));
    } catch (e) {
      if (!(e instanceof InvalidFileError || e instanceof VerificationError)) throw e;
      fileRejections.push({ trustee: file.payload.trustee, reason: e.message });
    }
  }
  const params = { election: roster.election, threshold: roster.threshold, verificationKeys: ceremony.verificationKeys };
  try {
    const result = thresholdDecrypt(roster.group, params, ciphertexts, submissions, options);
    return { ...result, rejected: [...fileRejections, ...result.rejected] };
  } catch (e) {
    // Name the rejected files too: "why are there not enough?" is the first question.
    if (e instanceof InsufficientPartialsError) throw new InsufficientPartialsError(e.threshold, e.valid, [...fileRejections, ...e.rejected]);
    throw e;
  }
}
