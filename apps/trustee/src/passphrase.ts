import { promptHidden as promptWithoutEcho, PromptError, readSecretFile } from '@ostraka/cli-kit';
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
  try {
    return readSecretFile(path);
  } catch (e) {
    throw new InputError(path, '', `cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}

/** The no-echo prompt, its interruptions as usage errors (exit 2). */
async function promptHidden(prompt: string): Promise<string> {
  try {
    return await promptWithoutEcho(prompt, 'passphrase');
  } catch (e) {
    if (e instanceof PromptError) throw new UsageError(e.message);
    throw e;
  }
}
