export { createBoard, type Board, type BoardOptions, type BoardPlugin } from './board.js';
export { startServer, type RunningServer } from './server.js';
export { BoardError, type BoardErrorCode } from './errors.js';
export type {
  BoardIdentity,
  CheckContext,
  EntryContext,
  EntryInput,
  EntryTypeDefinition,
  EntryTypeExtension,
} from './entry-types/entry-type.js';
export type { Receipt } from './log/commit-queue.js';
export { inlineVerifier, poolVerifier, type SignatureVerifier, type SignatureCheck } from './log/signature-verifier.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './logger.js';
export { loadBoardKey, loadOrCreateBoardKey } from './board-key.js';
export type { BoardLimits } from './http/services.js';
export { readJsonBody } from './http/json-body.js';
export type { BoardReader, BoardWriter, BoardStorage, Page } from './storage/board-storage.js';
export type * from './storage/records.js';
export { SqliteStorage } from './storage/sqlite-storage.js';
export { GENESIS_TYPE } from './entry-types/genesis.js';
export { peerPrescription } from './entry-types/peer.js';
