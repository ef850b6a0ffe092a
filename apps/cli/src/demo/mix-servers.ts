import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PeerRegistration } from '@ostraka/election';
import type { OstrakaProcess, ProcessRunner } from './child-processes.js';
import { DemoStepError } from './child-processes.js';
import { mapConcurrent } from './concurrency.js';

const ORGANISATIONS = ['University of Agora', 'Civic Tech Cooperative', 'League of Voters', 'Open Rights Lab', 'Press Freedom Trust', 'Data Ethics Society'];

export interface MixServerHost {
  readonly round: number;
  readonly name: string;
  readonly dir: string;
  readonly keyFile: string;
  readonly stateDir: string;
}

/**
 * The mix servers, each in its own directory (its "server"): a key made by `ostraka board keygen`,
 * a registration request made by `ostraka mix enroll`, and `ostraka mix run`, which waits for its
 * turn, checks the earlier rounds, shuffles, proves and posts.
 */
export class MixServers {
  readonly hosts: MixServerHost[];

  constructor(
    private readonly runner: ProcessRunner,
    root: string,
    count: number,
  ) {
    this.hosts = Array.from({ length: count }, (_, k) => {
      const dir = join(root, `mix-${k + 1}`);
      return { round: k + 1, name: `Mix server ${k + 1} (${ORGANISATIONS[k % ORGANISATIONS.length]})`, dir, keyFile: join(dir, 'mix.key'), stateDir: join(dir, 'state') };
    });
  }

  /** Keys and registration requests, one process of each per server. */
  async enroll(boardUrl: string, parallel: number): Promise<PeerRegistration[]> {
    return mapConcurrent(this.hosts, parallel, async (h) => {
      mkdirSync(h.dir, { recursive: true });
      await this.runner.run(`mix-${h.round}-keygen`, ['board', 'keygen', '--out', h.keyFile]);
      const out = join(h.dir, 'registration.json');
      await this.runner.run(`mix-${h.round}-enroll`, ['mix', 'enroll', '--key', h.keyFile, '--board', boardUrl, '--name', h.name, '--out', out]);
      return readRegistration(out);
    });
  }

  /** Starts `ostraka mix run` for one server (it waits for its turn on its own). */
  start(host: MixServerHost, boardUrl: string, election: string, workers: number, attempt = 1): OstrakaProcess {
    return this.runner.start(attempt === 1 ? `mix-${host.round}-run` : `mix-${host.round}-run-${attempt}`, [
      'mix',
      'run',
      '--board',
      boardUrl,
      '--election',
      election,
      '--key',
      host.keyFile,
      '--workers',
      String(workers),
      '--state-dir',
      host.stateDir,
      '--poll-ms',
      '250',
    ]);
  }
}

/**
 * A registration request as `ostraka mix enroll` writes it. Only the fields the board authority
 * signs into `POST /peers` are read, so that the request's other fields (a type tag, the board id)
 * may come or go without breaking the registration.
 */
function readRegistration(path: string): PeerRegistration {
  const r = JSON.parse(readFileSync(path, 'utf8')) as Partial<PeerRegistration>;
  for (const field of ['key_data', 'key_id', 'key_proof', 'name', 'peer_type'] as const)
    if (typeof r[field] !== 'string') throw new DemoStepError(`${path}: the registration request has no ${field}`);
  return { type: 'peer.registration', board: r.board ?? '', key_data: r.key_data!, key_id: r.key_id!, key_proof: r.key_proof!, name: r.name!, peer_type: r.peer_type! };
}
