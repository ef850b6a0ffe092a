import { sha256 } from '@noble/hashes/sha2.js';
import { csprng, fromHex, toHex, type SigningKey } from '@ostraka/crypto';
import {
  appendLeaf,
  entryLeafHash,
  frontierSubtrees,
  rootFromSubtrees,
  signTreeHead,
  subtreeId,
  type LogEntry,
} from '@ostraka/protocol/log';
import { createBoard, SqliteStorage } from '@ostraka/board';

/**
 * A log of `size` entries built directly through the storage layer (no HTTP, no signature
 * checks), for measuring proof serving: the same tables, leaf hashing, perfect subtrees and
 * signed head as the board writes. Entry signatures are random bytes (`ostraka board check
 * --signatures` would refuse them); everything proofs depend on is genuine.
 */
export async function buildLog(path: string, key: SigningKey, authority: Uint8Array, size: number, progress: (done: number) => void): Promise<{ root: string }> {
  await (await createBoard({ storage: path, key, authorityKey: authority })).close();
  const storage = SqliteStorage.open(path);
  try {
    const head = await storage.reader.latestHead();
    if (!head) throw new Error('no genesis head');
    const ids = frontierSubtrees(head.size).map((s) => subtreeId(s.level, s.index));
    const stored = await storage.reader.subtrees(ids);
    let frontier = ids.map((id) => stored.get(id) as Uint8Array);
    let n = head.size;
    const author = toHex(key.publicKey);
    const signer = (await storage.reader.entry(0))?.signer as string;
    const batch = 20_000;
    while (n < size) {
      const end = Math.min(size, n + batch);
      await storage.write(async (tx) => {
        for (; n < end; n++) {
          const entry: LogEntry = { index: n, type: 'bench.filler', signer, author, payload: { n }, signature: toHex(csprng(64)), received: head.timestamp };
          const leaf = entryLeafHash(entry);
          await tx.insertEntry({ ...entry, leafHash: leaf, statementHash: sha256(leaf), election: null });
          const step = appendLeaf(frontier, n, leaf);
          await tx.insertSubtrees(step.completed);
          frontier = step.frontier;
        }
        if (n === size)
          await tx.insertHead(signTreeHead(key, { board: head.board, size: n, timestamp: head.timestamp, root: toHex(rootFromSubtrees(frontier)) }));
      });
      progress(n);
    }
    return { root: toHex(rootFromSubtrees(frontier)) };
  } finally {
    await storage.close();
  }
}

export const hashBytes = (hex: string) => fromHex(hex, 'hash', 32);
