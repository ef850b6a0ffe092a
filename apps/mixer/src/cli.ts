import { helpText, parseCommandArgs, type CommandSpec, type ParsedOptions } from './args.js';
import { BoardHttpError } from '@ostraka/board/client';
import { enrollSpec, runEnroll } from './commands/enroll.js';
import { runRun, runSpec } from './commands/run.js';
import { MixerError } from './errors.js';
import { describeFailure, isTransient } from './board/retry.js';

type Command = { spec: CommandSpec; run: (values: ParsedOptions) => Promise<number> };

const COMMANDS: Command[] = [
  { spec: runSpec, run: runRun },
  { spec: enrollSpec, run: runEnroll },
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    'usage: ostraka mix <command> [options]',
    '',
    'The mix server: re-encrypts and shuffles its round of an election\'s ballots and proves it (docs/election.md §6).',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    '',
    'Run `ostraka mix <command> --help` for a command\'s options. Operations: docs/operations.md.',
  ].join('\n');
}

/** `ostraka mix …`: returns the exit code (0 done, 1 failure, 2 bad usage). */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name ? console.log : console.error)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    console.error(`ostraka mix: unknown command "${name.replace(/[\p{Cc}\p{Cf}]/gu, '?')}"\n\n${usage()}`);
    return 2;
  }
  try {
    const values = parseCommandArgs(command.spec, rest);
    if (values === 'help') {
      console.log(helpText(command.spec));
      return 0;
    }
    return await command.run(values);
  } catch (e) {
    if (e instanceof MixerError) {
      console.error(`ostraka mix ${name}: ${e.message}`);
      return e.exitCode;
    }
    // The board refused a write or stayed unreachable beyond the retries: the round is not done.
    if (e instanceof BoardHttpError || isTransient(e)) {
      console.error(`ostraka mix ${name}: ${describeFailure(e)}`);
      return 1;
    }
    throw e;
  }
}
