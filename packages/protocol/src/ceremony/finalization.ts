import {
  decodeSchnorrProof,
  encodeSchnorrProof,
  fromHex,
  toHex,
  VerificationError,
  verifyKeyShareProof,
  type Group,
  type SchnorrProof,
  type SigningKey,
} from '@ostraka/crypto';
import { z } from 'zod';
import { electionIdSchema } from '../manifest.js';
import { decodeField, InvalidFileError } from './errors.js';
import { packedHex, trusteeIndex } from './hex.js';
import { trusteeOf, type ElectionRoster } from './roster.js';
import { signedFileSchema, signPayload, verifyPayloadSignature, type SignedFile } from './signed.js';
import type { CeremonyResult } from './evaluate.js';

export const FINALIZATION_TYPE = 'dkg.finalization';

/**
 * Trustee j's confirmation of the ceremony's outcome as it computed it: the qualified set Q,
 * the joint public key, its verification key vk_j = g^{x_j} and a proof of knowledge of x_j.
 */
export const finalizationPayloadSchema = z.strictObject({
  type: z.literal(FINALIZATION_TYPE),
  election: electionIdSchema,
  trustee: trusteeIndex,
  qualified: z
    .array(trusteeIndex)
    .min(1)
    .refine((q) => q.every((i, k) => k === 0 || q[k - 1] < i), 'qualified dealers must be in ascending order, each once'),
  publicKey: packedHex,
  verificationKey: packedHex,
  proof: packedHex,
});
export type FinalizationPayload = z.infer<typeof finalizationPayloadSchema>;
export const finalizationFileSchema = signedFileSchema(finalizationPayloadSchema);
export type FinalizationFile = SignedFile<FinalizationPayload>;

export interface Finalization<E> {
  readonly trustee: number;
  readonly qualified: readonly number[];
  readonly publicKey: E;
  readonly verificationKey: E;
  readonly proof: SchnorrProof;
}

export function signFinalization<E>(key: SigningKey, group: Group<E>, election: string, f: Finalization<E>): FinalizationFile {
  return signPayload(key, {
    type: FINALIZATION_TYPE,
    election,
    trustee: f.trustee,
    qualified: [...f.qualified],
    publicKey: toHex(group.encode(f.publicKey)),
    verificationKey: toHex(group.encode(f.verificationKey)),
    proof: toHex(encodeSchnorrProof(group, f.proof)),
  });
}

export function openFinalization<E>(roster: ElectionRoster<E>, file: FinalizationFile): Finalization<E> {
  const G = roster.group;
  const p = file.payload;
  if (p.election !== roster.election) throw new InvalidFileError('payload.election', `expected election "${roster.election}", got "${p.election}"`);
  if (p.trustee > roster.count) throw new InvalidFileError('payload.trustee', `no trustee ${p.trustee} in a roster of ${roster.count}`);
  // Decoding first: a damaged file is reported by its field, not as a bad signature.
  const finalization: Finalization<E> = {
    trustee: p.trustee,
    qualified: p.qualified,
    publicKey: decodeField(() => G.decode(fromHex(p.publicKey, 'payload.publicKey'), 'payload.publicKey')),
    verificationKey: decodeField(() => G.decode(fromHex(p.verificationKey, 'payload.verificationKey'), 'payload.verificationKey')),
    proof: decodeField(() => decodeSchnorrProof(G, fromHex(p.proof, 'payload.proof'), 'payload.proof')),
  };
  if (!verifyPayloadSignature(trusteeOf(roster, p.trustee).signingKey, file))
    throw new VerificationError('signature', `the finalization is not signed by trustee ${p.trustee}`);
  return finalization;
}

/**
 * Checks a finalization against the ceremony's outcome computed from the public files: the same
 * Q, the same joint key, the vk_j that the commitments give, and a valid proof of knowledge of
 * x_j. A trustee whose finalization passes holds a working key share.
 */
export function checkFinalization<E>(roster: ElectionRoster<E>, result: CeremonyResult<E>, f: Finalization<E>): void {
  const G = roster.group;
  const j = f.trustee;
  if (f.qualified.join(',') !== result.qualified.join(','))
    throw new VerificationError('payload.qualified', `trustee ${j} reports Q = [${f.qualified.join(', ')}], the files give [${result.qualified.join(', ')}]`);
  if (!G.equals(f.publicKey, result.publicKey))
    throw new VerificationError('payload.publicKey', `trustee ${j}'s joint public key differs from the one the deals give`);
  const vk = result.verificationKeys.get(j) as E;
  if (!G.equals(f.verificationKey, vk))
    throw new VerificationError('payload.verificationKey', `trustee ${j}'s verification key differs from the one the commitments give`);
  if (!verifyKeyShareProof(G, roster.election, j, f.verificationKey, f.proof))
    throw new VerificationError('payload.proof', `trustee ${j}'s proof of knowledge of its key share does not verify`);
}
