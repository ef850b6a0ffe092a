import { z } from 'zod';
import { boardIdSchema, keyIdSchema, publicKeyHex } from '@ostraka/protocol/log';

/**
 * Entry 0 of every board, signed by the board key: the board id, the board's public key and the
 * authority key. A reader of the log learns from it who signs tree heads and who may register
 * peers, so the log describes itself.
 */
export const GENESIS_TYPE = 'board.genesis';

export const genesisPayload = z.strictObject({
  board_id: boardIdSchema,
  board_key: publicKeyHex,
  board_key_id: keyIdSchema,
  authority_key: publicKeyHex,
  authority_key_id: keyIdSchema,
  version: z.literal(1),
});
export type GenesisPayload = z.infer<typeof genesisPayload>;
