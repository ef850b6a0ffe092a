import { readFileSync, statSync } from 'node:fs';

/** The prompt was interrupted (Ctrl-C) or ended before anything was typed (Ctrl-D). */
export class PromptError extends Error {
  override readonly name = 'PromptError';
}

/**
 * Reads a line from the terminal in raw mode, echoing nothing (not even asterisks: length is a
 * secret too). Raw mode is set before the prompt appears, so that nothing typed after it is ever
 * echoed. `what` names the secret in errors ("passphrase", "password").
 */
export function promptHidden(prompt: string, what = 'passphrase'): Promise<string> {
  const stdin = process.stdin;
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
        if (ch === '\u0003') return finish(new PromptError('interrupted'));
        if (ch === '\u0004' && value === '') return finish(new PromptError(`no ${what} given`));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * A secret kept in a file (`--passphrase-file`, `--password-file`): its text without the one
 * final line break, which is the file's. Warns on stderr when others may read the file. Errors
 * of reading are thrown as they are (the caller names the file).
 */
export function readSecretFile(path: string): string {
  const text = readFileSync(path, 'utf8');
  try {
    if ((statSync(path).mode & 0o077) !== 0) process.stderr.write(`warning: ${path} is readable by other users of this computer\n`);
  } catch {
    // The warning is advisory.
  }
  return text.replace(/\r?\n$/, '');
}
