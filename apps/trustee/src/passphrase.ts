import { readFileSync, statSync } from 'node:fs';
import { InputError, UsageError } from './errors.js';

/** The shortest passphrase accepted for a new keystore (a long passphrase is the keystore's only protection off the laptop). */
export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * The keystore passphrase, from `--passphrase-file` or a no-echo prompt on the terminal. Never
 * from an argument or an environment variable: those end up in shell histories and process
 * listings.
 */
export async function readPassphrase(options: { file?: string; prompt: string; confirm?: boolean }): Promise<string> {
  let passphrase: string;
  if (options.file !== undefined) passphrase = fromFile(options.file);
  else if (process.stdin.isTTY) {
    passphrase = await promptHidden(`${options.prompt}: `);
    if (options.confirm && (await promptHidden('Repeat the passphrase: ')) !== passphrase) throw new UsageError('the two passphrases differ');
  } else throw new UsageError('no passphrase: run the command in a terminal, or give --passphrase-file FILE');
  if (passphrase.length === 0) throw new UsageError('the passphrase is empty');
  if (options.confirm && [...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new UsageError(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  return passphrase;
}

function fromFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, '', `cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  try {
    if ((statSync(path).mode & 0o077) !== 0) process.stderr.write(`warning: ${path} is readable by other users of this computer\n`);
  } catch {
    // The warning is advisory.
  }
  // One final line break is the file's, not the passphrase's.
  return text.replace(/\r?\n$/, '');
}

/** Reads a line from the terminal in raw mode, echoing nothing (not even asterisks: length is a secret too). */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Raw mode (no echo) before the prompt appears, so that nothing typed after it is ever echoed.
  stdin.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new UsageError('interrupted'));
        if (ch === '\u0004' && value === '') return finish(new UsageError('no passphrase given'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}
