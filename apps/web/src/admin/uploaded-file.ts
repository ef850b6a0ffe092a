import { peerRegistrationSchema, type PeerRegistration } from '@ostraka/protocol';
import { z } from 'zod';

/**
 * What an uploaded file is. Parties outside the board hand the administrator files (trustees on a
 * USB stick, mix servers by any channel); the admin recognises each by its shape and relays it:
 * - a peer registration request (`ostraka trustee enroll`, or `ostraka mix enroll`, whose request
 *   has no `type` and no `board`);
 * - a trustee's signed file (identity, deal, complaints, finalization, partial decryption);
 * - a trustee's approval of the manifest (`ostraka trustee approve`: a signed negotiation contribution).
 */
export const TRUSTEE_FILE_KINDS = ['trustee.identity', 'dkg.deal', 'dkg.complaints', 'dkg.finalization', 'decryption.partial'] as const;
export type TrusteeFileKind = (typeof TRUSTEE_FILE_KINDS)[number];

export interface ApprovalEnvelope {
  readonly payload: Record<string, unknown>;
  readonly signer: string;
  readonly signature: string;
}

export type UploadedFile =
  | { kind: 'registration'; registration: PeerRegistration }
  | { kind: 'approval'; negotiationId: string; seq: number; text: string; signer: string; envelope: ApprovalEnvelope }
  | { kind: 'trustee-file'; type: TrusteeFileKind; election: string; trustee: number; text: string };

const mixRegistrationSchema = z.strictObject({
  key_data: z.string(),
  key_id: z.string(),
  key_type: z.literal(1),
  key_proof: z.string(),
  name: z.string(),
  peer_type: z.string(),
});

const approvalSchema = z.strictObject({
  payload: z.looseObject({
    operation: z.literal('action'),
    action: z.literal('contribute'),
    resource: z.literal('negotiation'),
    negotiation_id: z.string().regex(/^[0-9a-f]{64}$/),
    text: z.string(),
    seq: z.int().min(0),
  }),
  signer: z.string().regex(/^[0-9a-f]{32}$/),
  signature: z.string(),
});

const signedFileSchema = z.strictObject({
  payload: z.looseObject({ type: z.enum(TRUSTEE_FILE_KINDS), election: z.string(), trustee: z.int().optional(), dealer: z.int().optional() }),
  signature: z.string(),
});

export class UnrecognisedFileError extends Error {
  override readonly name = 'UnrecognisedFileError';
}

export function recogniseFile(text: string, board: string): UploadedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnrecognisedFileError('is not a JSON file');
  }
  const registration = peerRegistrationSchema.safeParse(json);
  if (registration.success) {
    if (registration.data.board !== board) throw new UnrecognisedFileError(`is a registration for another board (${registration.data.board})`);
    return { kind: 'registration', registration: registration.data };
  }
  const mix = mixRegistrationSchema.safeParse(json);
  if (mix.success) {
    // The key type is fixed (1, Ed25519) by the board's registration; the rest is the same request.
    const { key_type: _keyType, ...fields } = mix.data;
    const r = peerRegistrationSchema.safeParse({ type: 'peer.registration', board, ...fields });
    if (!r.success) throw new UnrecognisedFileError(`is a malformed registration request (${r.error.issues[0]?.message})`);
    return { kind: 'registration', registration: r.data };
  }
  const approval = approvalSchema.safeParse(json);
  if (approval.success) {
    const p = approval.data.payload;
    return { kind: 'approval', negotiationId: p.negotiation_id, seq: p.seq, text: p.text, signer: approval.data.signer, envelope: approval.data };
  }
  const signed = signedFileSchema.safeParse(json);
  if (signed.success) {
    const p = signed.data.payload;
    const trustee = p.type === 'dkg.deal' ? p.dealer : p.trustee;
    if (trustee === undefined) throw new UnrecognisedFileError(`is a ${p.type} file without its trustee index`);
    return { kind: 'trustee-file', type: p.type, election: p.election, trustee, text };
  }
  throw new UnrecognisedFileError('is not a registration request, an approval or a trustee file (identity, deal, complaints, finalization, partial decryption)');
}
