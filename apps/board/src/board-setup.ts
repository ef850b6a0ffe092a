import { sha256 } from '@noble/hashes/sha2.js';
import { csprng, equalBytes, fromHex, toHex, type SigningKey } from '@ostraka/crypto';
import {
  entryLeafHash,
  entryStatementBytes,
  keyId,
  signEntryStatement,
  signTreeHead,
  rootFromSubtrees,
  appendLeaf,
  type LogEntry,
  type TreeHead,
} from '@ostraka/protocol/log';
import type { BoardIdentity } from './entry-types/entry-type.js';
import { GENESIS_TYPE, type GenesisPayload } from './entry-types/genesis.js';
import type { BoardStorage } from './storage/board-storage.js';

/**
 * Opens the board's identity from its database, or creates it: a fresh random board id, the
 * board key and the authority key recorded in `meta` and in the genesis entry (index 0) with
 * its signed tree head, all in one transaction. On later starts the key in use must be the one
 * the database was created with, and a given authority key must match the recorded one.
 */
export async function openIdentity(
  storage: BoardStorage,
  key: SigningKey,
  authorityKey: Uint8Array | undefined,
  clock: () => number,
): Promise<{ identity: BoardIdentity; created: boolean }> {
  const existing = await storage.reader.meta('board_id');
  if (existing !== null) {
    const boardKey = fromHex((await storage.reader.meta('board_key')) as string, 'board_key', 32);
    const authority = fromHex((await storage.reader.meta('authority_key')) as string, 'authority_key', 32);
    if (!equalBytes(boardKey, key.publicKey))
      throw new Error(`this database belongs to board key ${keyId(boardKey)}, but the key file holds ${keyId(key.publicKey)}`);
    if (authorityKey && !equalBytes(authorityKey, authority))
      throw new Error(`this database was created with authority key ${keyId(authority)}, not ${keyId(authorityKey)}`);
    return { identity: identityOf(existing, key.publicKey, authority), created: false };
  }
  if (!authorityKey) throw new Error('a new board needs the authority public key (--authority-key)');
  const identity = identityOf(toHex(csprng(16)), key.publicKey, authorityKey);
  await storage.write(async (tx) => {
    const payload: GenesisPayload = {
      board_id: identity.id,
      board_key: toHex(identity.publicKey),
      board_key_id: identity.keyId,
      authority_key: toHex(identity.authorityKey),
      authority_key_id: identity.authorityKeyId,
      version: 1,
    };
    const statement = { board: identity.id, type: GENESIS_TYPE, signer: identity.keyId, payload };
    const received = clock();
    const entry: LogEntry = {
      index: 0,
      type: GENESIS_TYPE,
      signer: identity.keyId,
      author: toHex(identity.publicKey),
      payload,
      signature: signEntryStatement(key, statement),
      received,
    };
    const leafHash = entryLeafHash(entry);
    await tx.putMeta('board_id', identity.id);
    await tx.putMeta('board_key', toHex(identity.publicKey));
    await tx.putMeta('authority_key', toHex(identity.authorityKey));
    await tx.putMeta('created', String(received));
    await tx.insertAuthor({ keyId: identity.keyId, publicKey: identity.publicKey, kind: 'board', entry: 0 });
    if (identity.authorityKeyId !== identity.keyId)
      await tx.insertAuthor({ keyId: identity.authorityKeyId, publicKey: identity.authorityKey, kind: 'authority', entry: 0 });
    await tx.insertEntry({ ...entry, leafHash, statementHash: sha256(entryStatementBytes(statement)), election: null });
    const step = appendLeaf([], 0, leafHash);
    await tx.insertSubtrees(step.completed);
    const head: TreeHead = signTreeHead(key, { board: identity.id, size: 1, timestamp: received, root: toHex(rootFromSubtrees(step.frontier)) });
    await tx.insertHead(head);
  });
  return { identity, created: true };
}

function identityOf(id: string, publicKey: Uint8Array, authorityKey: Uint8Array): BoardIdentity {
  return { id, publicKey, keyId: keyId(publicKey), authorityKey, authorityKeyId: keyId(authorityKey) };
}
