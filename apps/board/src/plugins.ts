import type { BoardPlugin } from './board.js';

/**
 * The extensions `ostraka board serve` loads, in order (docs/api.md §6). The election registers
 * its entry types and routes by adding its plugin here.
 */
export const SERVE_PLUGINS: readonly BoardPlugin[] = [];
