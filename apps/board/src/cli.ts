import { backup } from './cli/backup.js';
import { check } from './cli/check.js';
import { keygen } from './cli/keygen.js';
import { UsageError } from './cli/options.js';
import { serve } from './cli/serve.js';
import type { BoardPlugin } from './board.js';
import { SERVE_PLUGINS } from './plugins.js';

const USAGE = `usage: ostraka board <command> [options]

commands:
  serve    run the bulletin board server
  check    check a board database (live or restored) for integrity
  backup   copy a live board database to a file (online, consistent)
  keygen   generate an Ed25519 key file (board key, test authority)

Run \`ostraka board <command> --help\` for a command's options.`;

/**
 * `ostraka board …`: returns the process exit code (0 ok, 1 failure, 2 bad usage). `plugins`
 * are the extensions `serve` loads (the `ostraka` command passes the election's and the web's).
 */
export async function main(args: string[], plugins: readonly BoardPlugin[] = SERVE_PLUGINS): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, plugins);
      case 'check':
        return await check(rest);
      case 'backup':
        return await backup(rest);
      case 'keygen':
        return await keygen(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        (command ? console.log : console.error)(USAGE);
        return command ? 0 : 2;
      default:
        console.error(`ostraka board: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`ostraka board ${command}: ${e.message}`);
      return 2;
    }
    console.error(`ostraka board ${command}: ${(e as Error).message}`);
    return 1;
  }
}
