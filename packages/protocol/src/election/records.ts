import { z } from 'zod';
import { electionIdSchema } from '../manifest.js';
import { fullManifestSchema } from './manifest.js';

/**
 * The payloads of the election's board entries (docs/transcript.md §10). Every entry after the
 * draft names the consensus id that authorised the election.
 */
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${2 * bytes}}$`), `expected ${bytes} bytes of lower-case hex`);
const packedHex = z.string().regex(/^(?:[0-9a-f]{2})*$/, 'expected lower-case hex of even length');
const consensusId = hex(32);
const count = z.int().min(0).max(2 ** 40);

export const ELECTION_ENTRY_TYPES = {
  draft: 'election.draft',
  state: 'election.state',
  credentials: 'election.credentials',
  document: 'election.document',
} as const;

/** The states, in order; each transition is one `election.state` entry of the authority. */
export const ELECTION_STATES = ['draft', 'key-ceremony', 'ready', 'voting-open', 'voting-closed', 'mixing', 'decrypting', 'tallied'] as const;
export type ElectionState = (typeof ELECTION_STATES)[number];

/** `election.draft`: the election exists, with its manifest, before anyone agreed to it. */
export const draftPayloadSchema = z.strictObject({ election: electionIdSchema, manifest: fullManifestSchema });
export type DraftPayload = z.infer<typeof draftPayloadSchema>;

const base = { election: electionIdSchema, consensus_id: consensusId };

/** `election.state`: one transition; the fields after `state` are what the new state fixes. */
export const statePayloadSchema = z.discriminatedUnion('state', [
  /** The consensus of a negotiation among [authority, trustee 1, …, trustee n] on the canonical manifest. */
  z.strictObject({ ...base, state: z.literal('key-ceremony'), negotiation_id: hex(32) }),
  /** The ceremony's outcome: the joint public key, as every finalization computed it. */
  z.strictObject({ ...base, state: z.literal('ready'), joint_key: packedHex, qualified: z.array(z.int().min(1).max(255)).min(1) }),
  /** Ballots go to the inbox of this OPEN cycle of the authority's peer. */
  z.strictObject({ ...base, state: z.literal('voting-open'), cycle_id: z.int().min(1) }),
  /** The ballot cycle is CLOSED. */
  z.strictObject({ ...base, state: z.literal('voting-closed') }),
  /** The first mix's input: the last ballot of every credential, in log order (its list hash and size). */
  z.strictObject({ ...base, state: z.literal('mixing'), ballots: count, input_hash: hex(32) }),
  /** Every mix round is complete; the last output (its list hash and size) is what the trustees decrypt. */
  z.strictObject({ ...base, state: z.literal('decrypting'), ciphertexts: count, output_hash: hex(32) }),
  /** The result, recomputed by anyone from the partial decryptions (docs/transcript.md §10). */
  z.strictObject({
    ...base,
    state: z.literal('tallied'),
    decryptions: z.array(z.int().min(1).max(255)).min(1),
    plaintexts_hash: hex(32),
    tally: z.json(),
  }),
]);
export type StatePayload = z.infer<typeof statePayloadSchema>;

/** `election.credentials`: public voter credentials (Ed25519 keys), registered before voting opens. */
export const credentialsPayloadSchema = z.strictObject({
  ...base,
  credentials: z.array(hex(32)).min(1).max(1000),
});
export type CredentialsPayload = z.infer<typeof credentialsPayloadSchema>;

/** Kinds of documents the authority relays (trustee files carried from air-gapped laptops, the plaintexts). */
export const DOCUMENT_KINDS = ['trustee.identity', 'dkg.deal', 'dkg.complaints', 'dkg.finalization', 'decryption.partial', 'election.plaintexts'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * `election.document`: chunk `index` of `count` of a document: the UTF-8 text of the file,
 * cut into pieces. Chunks of one document come in order; the document is the concatenation.
 * Trustee files carry the trustee's own signature inside; the entry is signed by the authority
 * who carried the file.
 */
export const documentPayloadSchema = z.strictObject({
  ...base,
  kind: z.enum(DOCUMENT_KINDS),
  /** The trustee a trustee file comes from; 0 for the plaintexts. */
  trustee: z.int().min(0).max(255),
  index: z.int().min(0),
  count: z.int().min(1).max(100_000),
  data: z.string(),
});
export type DocumentPayload = z.infer<typeof documentPayloadSchema>;

/** The `data` of a ballot: a message to the inbox of the election's ballot cycle, signed by the credential. */
export const ballotDataSchema = z.strictObject({
  election: electionIdSchema,
  /** The credential's Ed25519 public key; the message's signer is its key id. */
  credential: hex(32),
  /** `encodeCiphertext` of the ballot (docs/crypto.md §5). */
  ciphertext: packedHex,
  /** `encodeEncryptionProof` (docs/crypto.md §7.3), bound to the election and the credential. */
  proof: packedHex,
});
export type BallotData = z.infer<typeof ballotDataSchema>;

/**
 * The `data` of a mix server's outbox message: one chunk of its round's output (packed ciphertexts)
 * or proof (docs/crypto.md §9), with the document name `round-<k>-output` or `round-<k>-proof`.
 */
export const mixDataSchema = z.strictObject({
  election: electionIdSchema,
  consensus_id: consensusId,
  round: z.int().min(1).max(32),
  part: z.enum(['output', 'proof']),
  /** The list hash of the round's input (the previous round's output, or the ballot box). */
  input_hash: hex(32),
  bytes: packedHex,
});
export type MixData = z.infer<typeof mixDataSchema>;

export function mixDocumentName(round: number, part: 'output' | 'proof'): string {
  return `round-${round}-${part}`;
}
