import { z } from 'zod';
import { hash32, jsonValue, keyIdSchema, publicKeyHex, signatureHex } from './wire.js';

/**
 * Payloads of the seed's chapter 4.3 API (PANORAMIX D4.1), with the gaps of its illustrative
 * examples fixed (docs/api.md records each decision). Objects are strict: unknown fields are
 * refused, so that what is signed is exactly what is understood.
 */
const count = z.int().min(0);
const label = (max: number) => z.string().min(1).max(max);

/** Entry types written by the seed API routes. */
export const SEED_ENTRY_TYPES = {
  peerCreate: 'peer.create',
  cycleCreate: 'cycle.create',
  cycleUpdate: 'cycle.update',
  messageInbox: 'message.inbox',
  messageOutbox: 'message.outbox',
  negotiationCreate: 'negotiation.create',
  negotiationContribute: 'negotiation.contribute',
} as const;

/** Key type 1 is Ed25519, the only one ostraka accepts. */
export const KEY_TYPE_ED25519 = 1;

export const peerCreatePayload = z
  .strictObject({
    operation: z.literal('create'),
    resource: z.literal('peer'),
    key_data: publicKeyHex,
    key_id: keyIdSchema,
    key_type: z.literal(KEY_TYPE_ED25519),
    name: label(128),
    peer_type: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 letters, digits, "_", "." or "-"'),
    size_min: count,
    size_max: count,
    /** Proof that whoever registers the key holds it (docs/api.md §Peers). */
    key_proof: signatureHex,
    /** A consensus whose agreed text is this peer's prescription, instead of the authority's signature. */
    consensus_id: hash32.optional(),
  })
  .refine((p) => p.size_min <= p.size_max, { message: 'size_min must not exceed size_max', path: ['size_min'] });
export type PeerCreatePayload = z.infer<typeof peerCreatePayload>;

export const cycleCreatePayload = z.strictObject({
  operation: z.literal('create'),
  resource: z.literal('cycle'),
  peer_id: keyIdSchema,
  /** The id the new cycle gets: the peer's previous cycle id + 1 (first cycle: 1). */
  cycle_id: z.int().min(1),
});
export type CycleCreatePayload = z.infer<typeof cycleCreatePayload>;

export const cycleUpdatePayload = z.strictObject({
  operation: z.literal('action'),
  action: z.enum(['close', 'process']),
  resource: z.literal('cycle'),
  peer_id: keyIdSchema,
  cycle_id: z.int().min(1),
});
export type CycleUpdatePayload = z.infer<typeof cycleUpdatePayload>;

export const chunkSchema = z
  .strictObject({ doc: label(64), index: count, count: z.int().min(1) })
  .refine((c) => c.index < c.count, { message: 'chunk index must be below chunk count', path: ['index'] });

export const messagePayload = z.strictObject({
  operation: z.literal('create'),
  resource: z.literal('message'),
  sender: keyIdSchema,
  recipient: label(128),
  peer_id: keyIdSchema,
  cycle_id: z.int().min(1),
  box: z.union([z.literal(0), z.literal(1)]),
  data: jsonValue,
  /** Makes two otherwise identical messages distinct statements (identical statements are replays). */
  nonce: label(128).optional(),
  /** Part `index` of `count` of a large outbox document named `doc`, posted in order. */
  chunk: chunkSchema.optional(),
});
export type MessagePayload = z.infer<typeof messagePayload>;

export const negotiationCreatePayload = z.strictObject({
  operation: z.literal('create'),
  resource: z.literal('negotiation'),
  /** Every peer whose agreement the negotiation needs. */
  participants: z.array(keyIdSchema).min(1).max(256),
  /** The initial document, if any (informational: only contributions count). */
  text: z.string().optional(),
  nonce: label(128).optional(),
});
export type NegotiationCreatePayload = z.infer<typeof negotiationCreatePayload>;

export const contributionPayload = z.strictObject({
  operation: z.literal('action'),
  action: z.literal('contribute'),
  resource: z.literal('negotiation'),
  negotiation_id: hash32,
  text: z.string(),
  /** The contributor's signature over the text (domain ostraka-negotiation-text-v1). */
  signature: signatureHex,
  /** The number of contributions already in the negotiation when this one was written. */
  seq: count,
});
export type ContributionPayload = z.infer<typeof contributionPayload>;
