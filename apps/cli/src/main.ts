/**
 * The `ostraka` command: one entry point that dispatches to the parts of the system.
 * Each part lives in its own package and exports `main(args): Promise<number>` (an exit code).
 */
type Command = { summary: string; load: () => Promise<{ main(args: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  board: { summary: 'run the bulletin board (serve, check, backup, keygen, export)', load: () => import('./commands/board.js') },
  trustee: { summary: 'trustee tool: key ceremony and partial decryption (offline)', load: () => import('@ostraka/trustee/cli') },
  mix: { summary: 'run a mix server round', load: () => import('@ostraka/mixer/cli') },
  admin: { summary: 'web admin accounts and keys (the admin is served by `board serve` at /admin)', load: () => import('@ostraka/web/cli') },
  vote: { summary: 'cast a ballot from a choices file or flags, and save its receipt', load: () => import('./commands/vote.js') },
  receipt: { summary: "check a ballot's receipt against the board (published, included, counted)", load: () => import('./commands/receipt.js') },
  demo: { summary: 'run a whole election with real processes, from the key ceremony to the tally', load: () => import('./commands/demo.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: ostraka <command> [args]\n\ncommands:\n${lines.join('\n')}\n\nRun \`ostraka <command> --help\` for a command's options.`;
}

export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? console.log : console.error)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`ostraka: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).main(rest);
}
