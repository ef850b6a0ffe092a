import { z } from 'zod';
import { isCanonicalJsonValue } from './json-value.js';
import type { JsonObject } from './entry.js';
import { ENTRY_TYPE_PATTERN } from './entry.js';
import { KEY_ID_PATTERN } from './key-id.js';
import { BOARD_ID_PATTERN } from './tree-head.js';

/** zod schemas of the log's wire forms (docs/api.md). Hex is lower-case, as everywhere in ostraka. */
export const hexBytes = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${2 * n}}$`), `expected ${n} bytes of lower-case hex`);
export const hash32 = hexBytes(32);
export const signatureHex = hexBytes(64);
export const publicKeyHex = hexBytes(32);
export const keyIdSchema = z.string().regex(KEY_ID_PATTERN, 'expected a key id (32 lower-case hex digits)');
export const boardIdSchema = z.string().regex(BOARD_ID_PATTERN, 'expected a board id (32 lower-case hex digits)');
export const entryTypeSchema = z.string().max(64).regex(ENTRY_TYPE_PATTERN, 'expected an entry type such as "message.inbox"');
export const sizeSchema = z.int().min(0);

/** Any JSON value canonical JSON can encode (safe integers only, bounded depth). */
export const jsonValue = z.custom<import('../canonical-json.js').Json>((v) => isCanonicalJsonValue(v), {
  message: 'expected JSON with safe integers only (no floats), nested at most 32 deep',
});

export const jsonObject = z.custom<JsonObject>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && isCanonicalJsonValue(v),
  { message: 'expected a JSON object with safe integers only (no floats), nested at most 32 deep' },
);

/** The request envelope of every write: the seed's `{payload, signature}` plus the signer's key id. */
export const envelopeSchema = z.strictObject({
  payload: jsonObject,
  signer: keyIdSchema,
  signature: signatureHex,
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const treeHeadSchema = z.strictObject({
  board: boardIdSchema,
  size: sizeSchema,
  timestamp: sizeSchema,
  root: hash32,
  signature: signatureHex,
});

export const logEntrySchema = z.strictObject({
  index: sizeSchema,
  type: entryTypeSchema,
  signer: keyIdSchema,
  author: publicKeyHex,
  payload: jsonObject,
  signature: signatureHex,
  received: sizeSchema,
  leaf_hash: hash32.optional(),
});

export const inclusionProofSchema = z.strictObject({
  index: sizeSchema,
  size: sizeSchema,
  leaf_hash: hash32,
  proof: z.array(hash32),
});
export type InclusionProof = z.infer<typeof inclusionProofSchema>;

export const consistencyProofSchema = z.strictObject({
  first: sizeSchema,
  second: sizeSchema,
  proof: z.array(hash32),
});
export type ConsistencyProof = z.infer<typeof consistencyProofSchema>;
