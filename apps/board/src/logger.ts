/**
 * Structured logs: one JSON object per line on stdout, `{time, level, msg, ...fields}`.
 * Callers pass only public facts (ids, sizes, statuses, durations): never key material,
 * request bodies or signatures, so that a log can be shared with an auditor as is.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A line written whatever the level (the machine-readable `listening` line tools wait for). */
  always(msg: string, fields?: LogFields): void;
  enabled(level: LogLevel): boolean;
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const min = RANK[level];
  const line = (lvl: LogLevel, msg: string, fields?: LogFields) =>
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n');
  const log = (lvl: LogLevel) => (msg: string, fields?: LogFields) => {
    if (RANK[lvl] >= min) line(lvl, msg, fields);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    always: (msg, fields) => line('info', msg, fields),
    enabled: (lvl) => RANK[lvl] >= min,
  };
}

export const silentLogger: Logger = createLogger('silent');
