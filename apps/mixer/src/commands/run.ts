import { availableParallelism } from 'node:os';
import { boardUrlOption, integerOption, optionalString, requireString, type CommandSpec, type ParsedOptions } from '../args.js';
import { UsageError } from '../errors.js';
import { loadMixKey } from '../key-file.js';
import { runMixServer } from '../mix-server.js';

const defaultWorkers = () => availableParallelism();

export const runSpec: CommandSpec = {
  name: 'run',
  summary: "Mix this server's round of an election: wait for its turn, check every earlier round, shuffle and prove, post.",
  usage: '--board URL --election ID --key FILE [--workers K] [--state-dir DIR] [--poll-ms N]',
  details: [
    'The round is the position of this key among the manifest\'s mix servers. The output and its proof are',
    'saved in the state directory before anything is posted; killed at any point and run again with the same',
    'state directory, the mix server resumes (posting only what the board does not have) or, if nothing was',
    'saved, starts over. It never posts two different outputs for one round. Keep the state directory until',
    'the election is tallied; it holds no secret (the shuffle secret is never written anywhere).',
    '',
    'Exit codes: 0 the round is on the board; 1 the round could not be completed (an earlier round does not',
    'verify: the message names it; the board refused; the state directory contradicts the board); 2 bad usage.',
    'On success, one JSON line on stdout: election, round, peer, outcome (posted|complete), output_hash, count, cycle.',
  ].join('\n'),
  options: {
    board: { type: 'string', value: 'URL', description: 'the board, e.g. http://127.0.0.1:8080' },
    election: { type: 'string', value: 'ID', description: 'the election id' },
    key: { type: 'string', value: 'FILE', description: 'this mix server\'s Ed25519 key file (mode 0600; `ostraka board keygen`)' },
    workers: { type: 'string', value: 'K', description: `shuffle worker threads (default: one per core, here ${defaultWorkers()})` },
    'state-dir': { type: 'string', value: 'DIR', description: 'where the round is saved before posting (default: ./mix-state)' },
    'poll-ms': { type: 'string', value: 'N', description: 'milliseconds between polls of the board while waiting (default: 1000)' },
  },
};

export async function runRun(values: ParsedOptions): Promise<number> {
  const board = boardUrlOption(values);
  const election = requireString(values, 'election');
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(election)) throw new UsageError(`--election must be an election id (1-64 of a-z 0-9 -), got "${election}"`);
  const keyPath = requireString(values, 'key');
  const workers = integerOption(values, 'workers', defaultWorkers(), 1, 256);
  const pollMs = integerOption(values, 'poll-ms', 1000, 10, 3_600_000);
  const stateDir = optionalString(values, 'state-dir') ?? './mix-state';
  const key = loadMixKey(keyPath);
  const result = await runMixServer({ board, election, key, workers, stateDir, pollMs });
  console.log(JSON.stringify(result));
  return 0;
}
