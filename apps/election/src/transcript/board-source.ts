import { toHex } from '@ostraka/crypto';
import type { Board } from '@ostraka/board';
import type { TranscriptSource } from './export.js';

/** The transcript's data read from the board's committed storage, in the board's process. */
export function boardSource(board: Board): TranscriptSource {
  return {
    board: async () => ({
      board_id: board.identity.id,
      public_key: toHex(board.identity.publicKey),
      authority_key: toHex(board.identity.authorityKey),
    }),
    head: async () => board.head(),
    heads: (after) => board.reader.heads({ after, limit: 1000 }),
    entries: async (start, end) =>
      (await board.reader.entries(start, end, board.limits.pageBytes)).map((e) => ({
        index: e.index,
        type: e.type,
        signer: e.signer,
        author: e.author,
        payload: e.payload,
        signature: e.signature,
        received: e.received,
        leaf_hash: e.leafHash,
      })),
  };
}
