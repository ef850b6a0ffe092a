import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { LogLevel } from '../logger.js';

/** A command-line option that can also come from an environment variable. */
interface OptionSpec {
  readonly flag: string;
  readonly env: string;
  readonly help: string;
  readonly fallback?: string;
  readonly boolean?: boolean;
}

export const SERVE_OPTIONS: readonly OptionSpec[] = [
  { flag: 'db', env: 'OSTRAKA_BOARD_DB', help: 'SQLite database file (created and migrated if needed)', fallback: './board.sqlite' },
  { flag: 'host', env: 'OSTRAKA_BOARD_HOST', help: 'address to listen on', fallback: '127.0.0.1' },
  { flag: 'port', env: 'OSTRAKA_BOARD_PORT', help: 'TCP port; 0 picks a free port (the actual URL is logged)', fallback: '8080' },
  { flag: 'key-file', env: 'OSTRAKA_BOARD_KEY_FILE', help: "the board's signing key (mode 0600; generated if missing) [default: the db path with .key]" },
  { flag: 'authority-key', env: 'OSTRAKA_BOARD_AUTHORITY_KEY', help: "the authority's Ed25519 public key, 64 hex digits (needed when the database is new)" },
  { flag: 'authority-key-file', env: 'OSTRAKA_BOARD_AUTHORITY_KEY_FILE', help: 'a file holding the authority public key in hex, instead of --authority-key' },
  { flag: 'max-body-bytes', env: 'OSTRAKA_BOARD_MAX_BODY_BYTES', help: 'largest request body accepted', fallback: String(1024 * 1024) },
  { flag: 'page-limit', env: 'OSTRAKA_BOARD_PAGE_LIMIT', help: 'most items per page of a list', fallback: '1000' },
  { flag: 'page-bytes', env: 'OSTRAKA_BOARD_PAGE_BYTES', help: 'most payload bytes per page of a list (at least one item)', fallback: String(8 * 1024 * 1024) },
  { flag: 'rate-limit', env: 'OSTRAKA_BOARD_RATE_LIMIT', help: 'requests per second per client address; 0 disables', fallback: '1000' },
  { flag: 'rate-burst', env: 'OSTRAKA_BOARD_RATE_BURST', help: 'burst of the per-address rate limit', fallback: '2000' },
  { flag: 'max-batch', env: 'OSTRAKA_BOARD_MAX_BATCH', help: 'most writes committed in one transaction', fallback: '1024' },
  { flag: 'commit-delay-ms', env: 'OSTRAKA_BOARD_COMMIT_DELAY_MS', help: 'longest a write waits for concurrent writes to share its transaction; 0 never waits', fallback: '2' },
  { flag: 'verify-threads', env: 'OSTRAKA_BOARD_VERIFY_THREADS', help: 'signature verification worker threads; 0 verifies on the main thread', fallback: String(availableParallelism()) },
  { flag: 'log-level', env: 'OSTRAKA_BOARD_LOG_LEVEL', help: 'debug, info, warn, error or silent', fallback: 'info' },
];

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function optionsHelp(specs: readonly OptionSpec[]): string {
  const width = Math.max(...specs.map((s) => s.flag.length)) + 8;
  return specs
    .map((s) => {
      const left = `  --${s.flag}${s.boolean ? '' : ' <v>'}`.padEnd(width + 4);
      const fallback = s.fallback !== undefined ? ` [default: ${s.fallback}]` : '';
      return `${left}${s.help}${fallback}\n${' '.repeat(width + 4)}env ${s.env}`;
    })
    .join('\n');
}

/** Values from flags, then the environment, then defaults. Unknown flags are usage errors. */
export function readOptions(args: string[], specs: readonly OptionSpec[], env: NodeJS.ProcessEnv = process.env): Map<string, string> & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(specs.map((s) => [s.flag, { type: s.boolean ? ('boolean' as const) : ('string' as const) }])),
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const out = new Map<string, string>() as Map<string, string> & { help: boolean };
  out.help = parsed.values.help === true;
  for (const s of specs) {
    const v = (parsed.values as Record<string, string | boolean | undefined>)[s.flag] ?? env[s.env] ?? s.fallback;
    if (v !== undefined) out.set(s.flag, String(v));
  }
  return out;
}

export function intOption(values: Map<string, string>, flag: string, min: number): number {
  const raw = values.get(flag) as string;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

export function logLevelOption(values: Map<string, string>): LogLevel {
  const v = values.get('log-level') as string;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(v)) throw new UsageError(`--log-level must be debug, info, warn, error or silent, got "${v}"`);
  return v as LogLevel;
}
