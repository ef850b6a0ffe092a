import { promptHidden, PromptError, readSecretFile } from '@ostraka/cli-kit';

export { PromptError };

/**
 * A password from `--password-file` or a no-echo prompt on the terminal; never from an argument
 * or the environment (shell histories, process listings).
 */
export async function readPassword(options: { file?: string; confirm: boolean }): Promise<string> {
  if (options.file !== undefined) {
    try {
      return readSecretFile(options.file);
    } catch (e) {
      throw new PromptError(`${options.file} cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
  }
  if (!process.stdin.isTTY) throw new PromptError('no password: run the command in a terminal, or give --password-file FILE');
  const password = await promptHidden('Password: ', 'password');
  if (options.confirm && (await promptHidden('Repeat the password: ', 'password')) !== password) throw new PromptError('the two passwords differ');
  return password;
}
