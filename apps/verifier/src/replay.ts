/**
 * Phases "board" and "election": the log replayed in index order (docs/transcript.md §8 step 2,
 * §10.11 steps 2–3). For each entry: its author is registered (by the genesis entry or an earlier
 * entry) and may write its type; then the seed API's rules (docs/api.md) or the election's rules
 * (docs/transcript.md §10), which build the state the next entries are checked against.
 */
import { parseHex } from './encoding/hex.js';
import { keyId } from './log/ed25519.js';
import type { Entry } from './log/entry.js';
import type { Findings } from './report/findings.js';
import { BoardState } from './seed/board-state.js';
import { SEED_TYPES, SeedRules } from './seed/seed-rules.js';
import { ELECTION_TYPES, ElectionRules } from './election/election-rules.js';
import type { VerifiedLog } from './log/verify-log.js';

export interface Replayed {
  board: BoardState;
  elections: ElectionRules;
}

export function replayLog(entries: readonly (Entry | undefined)[], log: VerifiedLog, findings: Findings): Replayed {
  const board = new BoardState();
  board.boardId = log.boardId;
  const seed = new SeedRules(board, findings);
  const elections = new ElectionRules(board, findings);
  const boardKeyHex = Buffer.from(log.boardKey).toString('hex');
  const boardKeyId = keyId(log.boardKey);
  board.authors.set(boardKeyId, { keyId: boardKeyId, publicKey: boardKeyHex, kind: 'board', entry: 0 });
  const authority = parseHex(log.authorityKey, 32);
  if (authority) board.authors.set(keyId(authority), { keyId: keyId(authority), publicKey: log.authorityKey, kind: 'authority', entry: 0 });

  for (const entry of entries) {
    if (!entry || entry.index === 0) continue;
    const author = board.authors.get(entry.signer);
    findings.pass('api.author');
    if (!author || author.publicKey !== entry.author) {
      findings.fail('api.author', `${entry.type}: the author ${entry.signer} is not registered by an earlier entry`, entry.place);
      continue;
    }
    if (author.kind === 'board') {
      findings.fail('api.author', `${entry.type}: the board key signs only the genesis entry and tree heads`, entry.place);
      continue;
    }
    if (SEED_TYPES.includes(entry.type)) {
      seed.apply(entry);
      elections.afterSeed(entry);
    } else if (ELECTION_TYPES.includes(entry.type)) elections.apply(entry);
    else findings.fail('api.entry-type', `entry type ${entry.type} is not a type of the seed API or of the election`, entry.place);
  }
  return { board, elections };
}
