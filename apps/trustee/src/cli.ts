import { helpText, parseCommandArgs, type CommandSpec, type ParsedArgs } from './args.js';
import { approveSpec, runApprove } from './commands/approve.js';
import { checkSpec, runCheck } from './commands/check.js';
import { decryptSpec, runDecrypt } from './commands/decrypt.js';
import { dealSpec, runDeal } from './commands/dkg-deal.js';
import { finalizeSpec, runFinalize } from './commands/dkg-finalize.js';
import { receiveSpec, runReceive } from './commands/dkg-receive.js';
import { enrollSpec, runEnroll } from './commands/enroll.js';
import { initSpec, runInit } from './commands/init.js';
import { rosterSpec, runRoster } from './commands/roster.js';
import { TrusteeError } from './errors.js';
import { printable } from './printable.js';

type Step = { spec: CommandSpec; run: (parsed: ParsedArgs) => Promise<number> };

/** The steps, in ceremony order; `dkg` steps are two words. */
const STEPS: Step[] = [
  { spec: initSpec, run: runInit },
  { spec: enrollSpec, run: runEnroll },
  { spec: approveSpec, run: runApprove },
  { spec: rosterSpec, run: runRoster },
  { spec: dealSpec, run: runDeal },
  { spec: receiveSpec, run: runReceive },
  { spec: finalizeSpec, run: runFinalize },
  { spec: decryptSpec, run: runDecrypt },
  { spec: checkSpec, run: runCheck },
];

function usage(): string {
  const width = Math.max(...STEPS.map((s) => s.spec.name.length));
  return [
    'usage: ostraka trustee <step> [options]',
    '',
    'The trustee tool, for a laptop that never touches a network. Files move to and from the board on',
    'a USB stick; every file read is checked, every file written is written atomically.',
    '',
    'steps:',
    ...STEPS.map((s) => `  ${s.spec.name.padEnd(width)}  ${s.spec.summary}`),
    '',
    'Run `ostraka trustee <step> --help` for a step’s options. The guide: docs/trustee-guide.md.',
  ].join('\n');
}

/** `ostraka trustee …`: returns the exit code (0 success, 1 a check failed, 2 the command could not run). */
export async function main(args: string[]): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    (args.length ? console.log : console.error)(usage());
    return args.length ? 0 : 2;
  }
  const step = STEPS.find((s) => {
    const words = s.spec.name.split(' ');
    return words.every((w, k) => args[k] === w);
  });
  if (!step) {
    console.error(`ostraka trustee: unknown step "${printable(args.slice(0, args[0] === 'dkg' ? 2 : 1).join(' '))}"\n\n${usage()}`);
    return 2;
  }
  const rest = args.slice(step.spec.name.split(' ').length);
  try {
    const parsed = parseCommandArgs(step.spec, rest);
    if (parsed === 'help') {
      console.log(helpText(step.spec));
      return 0;
    }
    return await step.run(parsed);
  } catch (e) {
    if (e instanceof TrusteeError) {
      console.error(`error: ${printable(e.message)}`);
      if (e.exitCode === 2 || e.exitCode === 1) console.error('nothing was written.');
      return e.exitCode;
    }
    throw e;
  }
}
