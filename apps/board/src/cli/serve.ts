import { readFileSync } from 'node:fs';
import { fingerprint, fromHex, toHex } from '@ostraka/crypto';
import { createBoard, type BoardPlugin } from '../board.js';
import { loadOrCreateBoardKey } from '../board-key.js';
import { poolVerifier, inlineVerifier } from '../log/signature-verifier.js';
import { createLogger } from '../logger.js';
import { startServer } from '../server.js';
import { intOption, logLevelOption, optionsHelp, readOptions, SERVE_OPTIONS, UsageError } from './options.js';

export const SERVE_USAGE = `usage: ostraka board serve [options]

Runs the bulletin board: creates or migrates the database, loads (or generates) the board's
signing key, prints the URL and the key fingerprint, and serves until SIGTERM or SIGINT.
Logs are JSON lines on stdout; the line with "msg":"listening" carries the actual URL.

options:
${optionsHelp(SERVE_OPTIONS)}`;

function authorityKeyFrom(values: Map<string, string>): Uint8Array | undefined {
  const inline = values.get('authority-key');
  const file = values.get('authority-key-file');
  if (inline !== undefined && file !== undefined) throw new UsageError('give --authority-key or --authority-key-file, not both');
  const hex = inline ?? (file !== undefined ? readFileSync(file, 'utf8').trim() : undefined);
  if (hex === undefined) return undefined;
  try {
    return fromHex(hex, 'authority key', 32);
  } catch {
    throw new UsageError('the authority key must be a 32-byte Ed25519 public key in lower-case hex (64 digits)');
  }
}

/** `ostraka board serve`: returns the exit code once the server has stopped. */
export async function serve(args: string[], plugins: readonly BoardPlugin[] = []): Promise<number> {
  const values = readOptions(args, SERVE_OPTIONS);
  if (values.help) {
    console.log(SERVE_USAGE);
    return 0;
  }
  const db = values.get('db') as string;
  const keyFile = values.get('key-file') ?? db.replace(/(\.sqlite3?|\.db)?$/, '.key');
  const port = intOption(values, 'port', 0);
  if (port > 65535) throw new UsageError('--port must be at most 65535');
  const threads = intOption(values, 'verify-threads', 0);
  const logger = createLogger(logLevelOption(values));
  const authorityKey = authorityKeyFrom(values);

  const { key, created } = loadOrCreateBoardKey(keyFile);
  logger.info(created ? 'board key generated' : 'board key loaded', { key_file: keyFile, fingerprint: fingerprint(key.publicKey) });
  const board = await createBoard({
    storage: db,
    key,
    authorityKey,
    verifier: threads === 0 ? inlineVerifier() : poolVerifier(threads),
    logger,
    limits: {
      maxBodyBytes: intOption(values, 'max-body-bytes', 1024),
      pageLimit: intOption(values, 'page-limit', 1),
      pageBytes: intOption(values, 'page-bytes', 1),
      rateLimit: intOption(values, 'rate-limit', 0),
      rateBurst: intOption(values, 'rate-burst', 1),
      maxBatch: intOption(values, 'max-batch', 1),
      commitDelayMs: intOption(values, 'commit-delay-ms', 0),
    },
    plugins,
  });
  const server = await startServer(board, values.get('host') as string, port);
  logger.always('listening', {
    url: server.url,
    board_id: board.identity.id,
    public_key: toHex(board.identity.publicKey),
    fingerprint: fingerprint(board.identity.publicKey),
    authority_key_id: board.identity.authorityKeyId,
    tree_size: board.head().size,
  });
  process.stderr.write(`ostraka board listening on ${server.url}\nboard key fingerprint ${fingerprint(board.identity.publicKey)}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      logger.info('shutting down', { signal });
      server.close().then(resolve, (e) => {
        logger.error('shutdown failed', { error: (e as Error).message });
        resolve();
      });
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  logger.info('stopped', { tree_size: board.head().size });
  return 0;
}
