import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from '@ostraka/crypto';
import { canonicalJson, type Json } from '@ostraka/protocol';
import { ENTRY_DOMAIN, entryStatementBytes, envelopeSchema, type JsonObject } from '@ostraka/protocol/log';
import type { z } from 'zod';
import { BoardError } from './errors.js';
import type { CheckContext, EntryContext } from './entry-types/entry-type.js';
import type { RegisteredType } from './entry-types/registry.js';
import type { CommitQueue, Receipt } from './log/commit-queue.js';
import type { SignatureVerifier } from './log/signature-verifier.js';
import type { BoardReader } from './storage/board-storage.js';
import type { BoardIdentity } from './entry-types/entry-type.js';

export interface SubmitDeps {
  identity: BoardIdentity;
  metrics?: { stage(name: 'checks' | 'commit', seconds: number): void };
  reader: BoardReader;
  verifier: SignatureVerifier;
  queue: CommitQueue;
}

/** First zod issue as a readable sentence: `payload.cycle_id: expected int`. */
export function describeZodError(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter((s) => s !== '').join('.');
  return `${path ? path + ': ' : ''}${issue.message}`;
}

/**
 * The write path, the same for every entry type: envelope and payload schema (400), signer
 * lookup (403), envelope signature in the worker pool (401), the type's stateless checks, a
 * replay pre-check (409), then the commit queue runs `validate` and `apply` in a transaction and
 * resolves with the receipt after the durable commit.
 */
export async function submitWrite(
  deps: SubmitDeps,
  registered: RegisteredType,
  body: unknown,
  match?: (payload: never) => void,
  queued: () => void = () => {},
): Promise<Receipt> {
  const started = performance.now();
  const { definition, extensions } = registered;
  const type = definition.type;
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new BoardError(400, 'INVALID_REQUEST', describeZodError(envelope.error));
  const { signer, signature } = envelope.data;
  const raw: JsonObject = envelope.data.payload;
  const parsed = definition.payload.safeParse(raw);
  if (!parsed.success) throw new BoardError(400, 'INVALID_REQUEST', describeZodError(parsed.error, 'payload'));
  const payload = parsed.data;
  match?.(payload as never);

  const author = await deps.reader.author(signer);
  if (!author) throw new BoardError(403, 'UNKNOWN_SIGNER', `signer ${signer} is not a registered key`);
  const allowed = definition.signers ?? null;
  if (author.kind === 'board' || (allowed !== null && !allowed.includes(author.kind)))
    throw new BoardError(403, 'FORBIDDEN', `a ${author.kind} key cannot write ${type} entries`);

  const payloadText = canonicalJson(raw);
  const statement = entryStatementBytes({ board: deps.identity.id, type, signer, payload: raw }, payloadText);
  const ok = await deps.verifier.verify({ publicKey: author.publicKey, domain: ENTRY_DOMAIN, payload: statement, signature: fromHex(signature, 'signature', 64) });
  if (!ok) throw new BoardError(401, 'BAD_SIGNATURE', `the signature does not verify under the key of ${signer} for a ${type} entry on this board`);

  const input = { board: deps.identity, type, signer, author, payload };
  const checkCtx: CheckContext<unknown> = {
    ...input,
    reader: deps.reader,
    verify: (publicKey, domain, p, s) => deps.verifier.verify({ publicKey, domain, payload: p, signature: s }),
  };
  await definition.check?.(checkCtx);
  for (const e of extensions) await e.check?.(checkCtx);

  const statementHash = sha256(statement);
  if (await deps.reader.statementSeen(statementHash)) throw new BoardError(409, 'REPLAY', 'this signed statement is already on the board');

  const queuedAt = performance.now();
  deps.metrics?.stage('checks', (queuedAt - started) / 1000);
  const receipt = deps.queue.enqueue({
    type,
    signer,
    author: toHex(author.publicKey),
    payload: raw,
    payloadText,
    signature,
    statementHash,
    async apply(a) {
      const ctx: EntryContext<unknown> = { ...input, state: a.tx, index: a.index, received: a.received, leafHash: a.leafHash, setElection: a.setElection };
      await definition.validate?.(ctx);
      for (const e of extensions) await e.validate?.(ctx);
      const id = (await definition.apply?.(ctx)) as Json | undefined;
      for (const e of extensions) await e.apply?.(ctx);
      return id;
    },
  });
  queued();
  return receipt.then((r) => {
    deps.metrics?.stage('commit', (performance.now() - queuedAt) / 1000);
    return r;
  });
}
