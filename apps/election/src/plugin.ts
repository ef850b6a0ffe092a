import type { Board, BoardPlugin, EntryTypeDefinition } from '@ostraka/board';
import { SEED_ENTRY_TYPES } from '@ostraka/protocol/log';
import { ballotInbox } from './entry-types/ballot.js';
import { credentialsEntry } from './entry-types/credentials.js';
import { documentEntry } from './entry-types/document.js';
import { draftEntry } from './entry-types/draft.js';
import { mixOutbox } from './entry-types/mix-round.js';
import { stateEntry } from './entry-types/state.js';
import { electionRoutes } from './routes.js';

/**
 * The election on the board: its entry types, its rules on the seed's inbox (ballots) and outbox
 * (mix rounds), and its read routes under `/elections`.
 */
export const electionPlugin: BoardPlugin = (board: Board) => {
  for (const def of [draftEntry, stateEntry, credentialsEntry, documentEntry]) board.registerEntryType(def as EntryTypeDefinition<unknown>);
  board.extendEntryType(SEED_ENTRY_TYPES.messageInbox, ballotInbox);
  board.extendEntryType(SEED_ENTRY_TYPES.messageOutbox, mixOutbox);
  board.app.route('/elections', electionRoutes(board));
};
