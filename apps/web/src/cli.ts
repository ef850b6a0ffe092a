import { parseArgs } from 'node:util';
import { loadBoardKey } from '@ostraka/board';
import { fingerprint, toHex } from '@ostraka/crypto';
import { keyId } from '@ostraka/protocol/log';
import { AccountError, addAccount, listAccounts, removeAccount } from './admin-store/accounts.js';
import { adminDbPathFor, openAdminDb, type AdminDb } from './admin-store/admin-db.js';
import { loadOrCreateKey, storeKey } from './admin-store/authority-keys.js';
import { PromptError, readPassword } from './cli/password-prompt.js';

const USAGE = `usage: ostraka admin <command> [options]

Administrator accounts and keys of the web admin (/admin on the board). They live in the admin
database, a separate file from the board's log (default: next to the board database,
board.sqlite -> board.admin.sqlite), created with mode 0600.

commands:
  init                     create the admin database and its keys; print the board authority
                           public key to give to \`ostraka board serve --authority-key\`
  add USERNAME             add an administrator (password from a no-echo prompt or --password-file)
  remove USERNAME          remove an administrator and end its sessions
  list                     list the administrators
  authority-key            print the board authority public key
  authority-key --import FILE
                           use an existing board authority key (\`ostraka board keygen\` file, mode 0600)
                           instead of the generated one

options:
  --db FILE                the board database [default: $OSTRAKA_BOARD_DB or ./board.sqlite]
  --admin-db FILE          the admin database [default: $OSTRAKA_ADMIN_DB or derived from --db]
  --password-file FILE     (add) read the password from FILE instead of prompting
  --import FILE            (authority-key) the key file to import`;

class UsageError extends Error {}

function authorityLine(db: AdminDb): Record<string, string> {
  const key = loadOrCreateKey(db, 'board-authority');
  loadOrCreateKey(db, 'election-authority');
  return { authority_key: toHex(key.publicKey), authority_key_id: keyId(key.publicKey), fingerprint: fingerprint(key.publicKey) };
}

async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        'admin-db': { type: 'string' },
        'password-file': { type: 'string' },
        import: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    (command === undefined && !values.help ? console.error : console.log)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const boardDb = values.db ?? process.env.OSTRAKA_BOARD_DB ?? './board.sqlite';
  const path = values['admin-db'] ?? process.env.OSTRAKA_ADMIN_DB ?? adminDbPathFor(boardDb);
  const needsName = command === 'add' || command === 'remove';
  if (needsName ? rest.length !== 1 : rest.length !== 0) throw new UsageError(needsName ? `${command} takes one USERNAME` : `${command} takes no arguments`);
  if (!['init', 'add', 'remove', 'list', 'authority-key'].includes(command)) throw new UsageError(`unknown command "${command}"`);

  const db = openAdminDb(path);
  try {
    switch (command) {
      case 'init':
        console.log(JSON.stringify({ admin_db: path, ...authorityLine(db) }));
        console.error(`admin database ${path} ready; start a new board with --authority-key ${authorityLine(db).authority_key}`);
        return 0;
      case 'add': {
        const password = await readPassword({ file: values['password-file'], confirm: true });
        await addAccount(db, rest[0], password);
        const keys = authorityLine(db);
        console.log(JSON.stringify({ admin_db: path, added: rest[0], ...keys }));
        console.error(`added administrator "${rest[0]}" to ${path}`);
        return 0;
      }
      case 'remove':
        if (!removeAccount(db, rest[0])) {
          console.error(`ostraka admin remove: no account "${rest[0]}"`);
          return 1;
        }
        console.error(`removed administrator "${rest[0]}" and its sessions`);
        return 0;
      case 'list':
        for (const a of listAccounts(db)) console.log(`${a.username}\t${new Date(a.created).toISOString()}`);
        return 0;
      default: {
        if (values.import !== undefined) {
          let key;
          try {
            key = loadBoardKey(values.import);
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
          storeKey(db, 'board-authority', key);
        }
        console.log(JSON.stringify({ admin_db: path, ...authorityLine(db) }));
        return 0;
      }
    }
  } finally {
    db.close();
  }
}

/** `ostraka admin …`: 0 ok, 1 failure, 2 bad usage. */
export async function main(args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`ostraka admin: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof AccountError || e instanceof PromptError) {
      console.error(`ostraka admin: ${e.message}`);
      return e instanceof PromptError ? 2 : 1;
    }
    console.error(`ostraka admin: ${(e as Error).message}`);
    return 1;
  }
}
