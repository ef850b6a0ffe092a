import {
  decodeSchnorrProof,
  encodeSchnorrProof,
  fromHex,
  toHex,
  VerificationError,
  type Deal,
  type Group,
  type SigningKey,
} from '@ostraka/crypto';
import { z } from 'zod';
import { electionIdSchema } from '../manifest.js';
import { decodeField, InvalidFileError } from './errors.js';
import { packedHex, trusteeIndex } from './hex.js';
import { trusteeOf, type ElectionRoster } from './roster.js';
import { signedFileSchema, signPayload, verifyPayloadSignature, type SignedFile } from './signed.js';

export const DEAL_TYPE = 'dkg.deal';

/**
 * Dealer i's deal (docs/crypto.md §8.3): commitments A_i0..A_i,t−1, the proof of knowledge of
 * a_i0 (challenge ‖ response), and one encrypted share per other trustee in ascending order:
 * the ephemeral K and the 48-byte AEAD ciphertext.
 */
export const dealPayloadSchema = z.strictObject({
  type: z.literal(DEAL_TYPE),
  election: electionIdSchema,
  dealer: trusteeIndex,
  commitments: z.array(packedHex).min(1).max(255),
  proof: packedHex,
  shares: z
    .array(z.strictObject({ recipient: trusteeIndex, ephemeral: packedHex, ciphertext: packedHex }))
    .max(254),
});
export type DealPayload = z.infer<typeof dealPayloadSchema>;
export const dealFileSchema = signedFileSchema(dealPayloadSchema);
export type DealFile = SignedFile<DealPayload>;

export function encodeDeal<E>(group: Group<E>, election: string, deal: Deal<E>): DealPayload {
  return {
    type: DEAL_TYPE,
    election,
    dealer: deal.dealer,
    commitments: deal.commitments.map((A) => toHex(group.encode(A))),
    proof: toHex(encodeSchnorrProof(group, deal.proof)),
    shares: deal.shares.map((s) => ({ recipient: s.recipient, ephemeral: toHex(group.encode(s.ephemeral)), ciphertext: toHex(s.ciphertext) })),
  };
}

export function signDeal<E>(key: SigningKey, group: Group<E>, election: string, deal: Deal<E>): DealFile {
  return signPayload(key, encodeDeal(group, election, deal));
}

/**
 * A deal file of this election, decoded strictly and checked to be signed by its dealer. Its
 * contents (the number of commitments, the proof, the shares) are judged by the ceremony
 * (`checkDeal`): a dealer who signs a deal that fails them is disqualified.
 */
export function openDeal<E>(roster: ElectionRoster<E>, file: DealFile): Deal<E> {
  const G = roster.group;
  const p = file.payload;
  if (p.election !== roster.election) throw new InvalidFileError('payload.election', `expected election "${roster.election}", got "${p.election}"`);
  if (p.dealer > roster.count) throw new InvalidFileError('payload.dealer', `no trustee ${p.dealer} in a roster of ${roster.count}`);
  // Decoding first: a damaged file is reported by its field, not as a bad signature.
  const deal: Deal<E> = {
    dealer: p.dealer,
    commitments: p.commitments.map((A, k) => decodeField(() => G.decode(fromHex(A, `payload.commitments[${k}]`), `payload.commitments[${k}]`))),
    proof: decodeField(() => decodeSchnorrProof(G, fromHex(p.proof, 'payload.proof'), 'payload.proof')),
    shares: p.shares.map((s, k) => ({
      recipient: s.recipient,
      ephemeral: decodeField(() => G.decode(fromHex(s.ephemeral, `payload.shares[${k}].ephemeral`), `payload.shares[${k}].ephemeral`)),
      ciphertext: decodeField(() => fromHex(s.ciphertext, `payload.shares[${k}].ciphertext`)),
    })),
  };
  if (!verifyPayloadSignature(trusteeOf(roster, p.dealer).signingKey, file))
    throw new VerificationError('signature', `the deal is not signed by dealer ${p.dealer}`);
  return deal;
}
