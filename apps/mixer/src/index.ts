export { runMixServer, type MixServerOptions, type MixResult } from './mix-server.js';
export { MixerError, MixFailure, UsageError, EarlierRoundInvalid } from './errors.js';
export { chunkSizes, ChunkedDocument, type ChunkSizes, type RoundHeader } from './mixing/chunks.js';
export { RoundState, type SavedRound, type SavedRoundRecord, type LoadedRound } from './state/round-state.js';
export { StateLock } from './state/lock.js';
export { StatusLine, ProgressBar, PhasedProgress } from './progress.js';
