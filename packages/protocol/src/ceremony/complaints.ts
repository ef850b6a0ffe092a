import {
  decodeSchnorrProof,
  encodeSchnorrProof,
  fromHex,
  toHex,
  VerificationError,
  type Complaint,
  type Group,
  type SigningKey,
} from '@ostraka/crypto';
import { z } from 'zod';
import { electionIdSchema } from '../manifest.js';
import { decodeField, InvalidFileError } from './errors.js';
import { packedHex, trusteeIndex } from './hex.js';
import { trusteeOf, type ElectionRoster } from './roster.js';
import { signedFileSchema, signPayload, verifyPayloadSignature, type SignedFile } from './signed.js';

export const COMPLAINTS_TYPE = 'dkg.complaints';

/**
 * Trustee j's verdict on the shares it received: one complaint per dealer whose share failed
 * (the shared point D and the DLEQ proof, docs/crypto.md §8.5), in ascending dealer order. An
 * empty list says "every share I received is correct"; every trustee posts this file.
 */
export const complaintsPayloadSchema = z.strictObject({
  type: z.literal(COMPLAINTS_TYPE),
  election: electionIdSchema,
  trustee: trusteeIndex,
  complaints: z
    .array(z.strictObject({ dealer: trusteeIndex, sharedPoint: packedHex, proof: packedHex }))
    .max(254)
    .refine((list) => list.every((c, k) => k === 0 || list[k - 1].dealer < c.dealer), 'complaints must be in ascending dealer order, one per dealer'),
});
export type ComplaintsPayload = z.infer<typeof complaintsPayloadSchema>;
export const complaintsFileSchema = signedFileSchema(complaintsPayloadSchema);
export type ComplaintsFile = SignedFile<ComplaintsPayload>;

export function signComplaints<E>(key: SigningKey, group: Group<E>, election: string, trustee: number, complaints: readonly Complaint<E>[]): ComplaintsFile {
  const sorted = [...complaints].sort((a, b) => a.dealer - b.dealer);
  for (const c of sorted) if (c.recipient !== trustee) throw new RangeError(`a complaint by trustee ${c.recipient} cannot be signed by trustee ${trustee}`);
  return signPayload(key, {
    type: COMPLAINTS_TYPE,
    election,
    trustee,
    complaints: sorted.map((c) => ({
      dealer: c.dealer,
      sharedPoint: toHex(group.encode(c.sharedPoint)),
      proof: toHex(encodeSchnorrProof(group, c.proof)),
    })),
  });
}

/** The complaints of a file of this election, decoded strictly, signed by their author. */
export function openComplaints<E>(roster: ElectionRoster<E>, file: ComplaintsFile): Complaint<E>[] {
  const G = roster.group;
  const p = file.payload;
  if (p.election !== roster.election) throw new InvalidFileError('payload.election', `expected election "${roster.election}", got "${p.election}"`);
  if (p.trustee > roster.count) throw new InvalidFileError('payload.trustee', `no trustee ${p.trustee} in a roster of ${roster.count}`);
  // Decoding first: a damaged file is reported by its field, not as a bad signature.
  const complaints = p.complaints.map((c, k): Complaint<E> => {
    if (c.dealer > roster.count) throw new InvalidFileError(`payload.complaints[${k}].dealer`, `no trustee ${c.dealer} in a roster of ${roster.count}`);
    return {
      dealer: c.dealer,
      recipient: p.trustee,
      sharedPoint: decodeField(() => G.decode(fromHex(c.sharedPoint, `payload.complaints[${k}].sharedPoint`), `payload.complaints[${k}].sharedPoint`)),
      proof: decodeField(() => decodeSchnorrProof(G, fromHex(c.proof, `payload.complaints[${k}].proof`), `payload.complaints[${k}].proof`)),
    };
  });
  if (!verifyPayloadSignature(trusteeOf(roster, p.trustee).signingKey, file))
    throw new VerificationError('signature', `the complaints are not signed by trustee ${p.trustee}`);
  return complaints;
}
