import { readFileSync, statSync } from 'node:fs';

export class PromptError extends Error {
  override readonly name = 'PromptError';
}

/**
 * A password from `--password-file` or a no-echo prompt on the terminal; never from an argument
 * or the environment (shell histories, process listings).
 */
export async function readPassword(options: { file?: string; confirm: boolean }): Promise<string> {
  if (options.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (e) {
      throw new PromptError(`${options.file} cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
    try {
      if ((statSync(options.file).mode & 0o077) !== 0) process.stderr.write(`warning: ${options.file} is readable by other users of this computer\n`);
    } catch {
      // advisory only
    }
    return text.replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new PromptError('no password: run the command in a terminal, or give --password-file FILE');
  const password = await promptHidden('Password: ');
  if (options.confirm && (await promptHidden('Repeat the password: ')) !== password) throw new PromptError('the two passwords differ');
  return password;
}

/** Reads a line in raw mode, echoing nothing (raw mode is set before the prompt shows, so nothing typed early is echoed). */
function promptHidden(prompt: string): Promise<string> {
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
        if (ch === '\u0004' && value === '') return finish(new PromptError('no password given'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}
