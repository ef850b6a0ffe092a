import { equalBytes, fromHex, toHex } from '@ostraka/crypto';
import {
  appendLeaf,
  entryLeafHash,
  keyId,
  rootFromSubtrees,
  verifyEntryStatement,
  verifyTreeHead,
  type TreeHead,
} from '@ostraka/protocol/log';
import { MerkleState } from '../log/merkle-state.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import { readOptions, UsageError } from './options.js';

export const CHECK_USAGE = `usage: ostraka board check --db <file> [--signatures] [--json]

Checks a board database (live, or a restored backup) without writing to it: every entry's leaf
hash, the Merkle root of every signed tree head recomputed from the entries, every head's
signature under the board key, and the stored subtrees the proofs are served from.
--signatures also verifies every entry's author signature (about 1 ms per entry).
Exit code 0: consistent; 1: problems found (listed); 2: bad usage or unreadable database.`;

const CHECK_OPTIONS = [
  { flag: 'db', env: 'OSTRAKA_BOARD_DB', help: 'database file', fallback: './board.sqlite' },
  { flag: 'signatures', env: 'OSTRAKA_BOARD_CHECK_SIGNATURES', help: 'verify entry signatures', boolean: true },
  { flag: 'json', env: 'OSTRAKA_BOARD_CHECK_JSON', help: 'one JSON document on stdout', boolean: true },
] as const;

export async function check(args: string[]): Promise<number> {
  const values = readOptions(args, CHECK_OPTIONS);
  if (values.help) {
    console.log(CHECK_USAGE);
    return 0;
  }
  const json = values.get('json') === 'true';
  const signatures = values.get('signatures') === 'true';
  let opened;
  try {
    opened = SqliteStorage.openReadOnly(values.get('db') as string);
  } catch (e) {
    throw new UsageError(`cannot open ${values.get('db')}: ${(e as Error).message}`);
  }
  const { reader } = opened;
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < 50) problems.push(p);
  };
  let entriesChecked = 0;
  let headsChecked = 0;
  try {
    const boardKeyHex = await reader.meta('board_key');
    const latest = await reader.latestHead();
    if (boardKeyHex === null || latest === null) throw new UsageError('not a board database (no board key or no tree head)');
    const boardKey = fromHex(boardKeyHex, 'board_key', 32);

    let frontier: Uint8Array[] = [];
    let size = 0;
    let headsAfter = -1;
    let pendingHeads: TreeHead[] = [];
    const nextHeads = async () => {
      pendingHeads = await reader.heads({ after: headsAfter, limit: 1000 });
      if (pendingHeads.length > 0) headsAfter = pendingHeads[pendingHeads.length - 1].size;
    };
    await nextHeads();
    const checkHeadsAt = async (n: number) => {
      while (pendingHeads.length > 0 && pendingHeads[0].size <= n) {
        const head = pendingHeads.shift() as TreeHead;
        if (head.size === n) {
          if (head.root !== toHex(rootFromSubtrees(frontier))) problem(`tree head of size ${n}: root does not match the entries`);
          if (!verifyTreeHead(boardKey, head)) problem(`tree head of size ${n}: bad signature`);
          headsChecked++;
        }
        if (pendingHeads.length === 0) await nextHeads();
      }
    };
    const authorKeys = new Map<string, Uint8Array>();
    const boardId = await reader.meta('board_id');
    for (let start = 0; start < latest.size; start += 5000) {
      for (const e of await reader.entries(start, Math.min(start + 5000, latest.size))) {
        if (e.index !== size) {
          problem(`entry ${size} is missing`);
          size = e.index;
        }
        const leaf = entryLeafHash(e);
        if (toHex(leaf) !== e.leafHash) problem(`entry ${e.index}: stored leaf hash does not match its fields`);
        if (keyId(fromHex(e.author, 'author', 32)) !== e.signer) problem(`entry ${e.index}: author key does not match signer id`);
        if (signatures) {
          let registered = authorKeys.get(e.signer);
          if (!registered) {
            registered = (await reader.author(e.signer))?.publicKey;
            if (registered) authorKeys.set(e.signer, registered);
          }
          if (!registered || !equalBytes(registered, fromHex(e.author, 'author', 32))) problem(`entry ${e.index}: signer is not a registered author`);
          if (!verifyEntryStatement(fromHex(e.author, 'author', 32), { board: boardId as string, type: e.type, signer: e.signer, payload: e.payload }, e.signature))
            problem(`entry ${e.index}: bad author signature`);
        }
        frontier = appendLeaf(frontier, size, leaf).frontier;
        size++;
        entriesChecked++;
        await checkHeadsAt(size);
      }
    }
    if (size !== latest.size) problem(`the latest head covers ${latest.size} entries but ${size} were found`);
    try {
      await MerkleState.load(reader, latest.size, fromHex(latest.root, 'root', 32));
    } catch (e) {
      problem((e as Error).message);
    }
    const result = { ok: problems.length === 0, tree_size: latest.size, root: latest.root, entries_checked: entriesChecked, heads_checked: headsChecked, signatures_checked: signatures, problems };
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      console.log(`${result.ok ? 'OK' : 'PROBLEMS FOUND'}: ${entriesChecked} entries, ${headsChecked} signed heads, tree size ${latest.size}, root ${latest.root}`);
      for (const p of problems) console.log(`  - ${p}`);
    }
    return result.ok ? 0 : 1;
  } finally {
    opened.close();
  }
}
