/**
 * A whole election of N voters run by the system's own code, for the verify benchmark and the
 * worked example of docs/examples: a board served over HTTP on a temporary database (with the
 * election plugin), the authority's library, in-process trustees (2 of 3) and mix rounds, and the
 * exporter. Writes the transcript directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, startServer } from '@ostraka/board';
import { generateSigningKey, type GroupName } from '@ostraka/crypto';
import { type Answer } from '@ostraka/protocol';
import { electionPlugin } from '../plugin.js';
import { tallyElection } from '../authority/tally.js';
import { directorySink } from '../transcript/directory-sink.js';
import { exportTranscript, httpSource } from '../transcript/export.js';
import { ElectionFixture } from './election-fixture.js';
import { mixInProcess } from './in-process-mix.js';

export interface SampleTranscript {
  dir: string;
  width: number;
  ballots: number;
  rounds: number;
  seconds: number;
}

function answers(i: number): Answer[] {
  return [
    { kind: 'plurality', candidate: i % 4 === 3 ? null : i % 3 },
    { kind: 'approval', candidates: i % 2 ? [0, 3] : [1] },
    { kind: 'ranked', ranking: i % 3 === 0 ? [2, 0, 1] : [1, 2] },
    { kind: 'write-in', text: i % 5 === 0 ? '' : `motto ${i % 7}` },
  ];
}

export async function runSampleElection(options: { voters: number; mixServers: number; group: GroupName; out: string; onProgress: (m: string) => void }): Promise<SampleTranscript> {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'ostraka-bench-verify-'));
  const authority = generateSigningKey();
  const board = await createBoard({ storage: join(tmp, 'board.sqlite'), key: generateSigningKey(), authorityKey: authority.publicKey, limits: { rateLimit: 0 }, plugins: [electionPlugin] });
  const server = await startServer(board, '127.0.0.1', 0);
  try {
    const mixServers = Array.from({ length: options.mixServers }, () => generateSigningKey());
    const fx = new ElectionFixture({ boardUrl: server.url, boardAuthority: authority, mixServers, trustees: { threshold: 2, count: 3 }, group: options.group });
    options.onProgress(`election: ceremony and ${options.voters} credentials`);
    await fx.prepare(options.voters);
    const codes = [...fx.credentials.keys()];
    let cast = 0;
    const worker = async () => {
      while (cast < codes.length) {
        const i = cast++;
        await fx.vote(codes[i], answers(i));
        if (i % 500 === 0) options.onProgress(`election: ${i} of ${codes.length} ballots cast`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await fx.authority.closeVoting();
    const input = await fx.authority.startMixing();
    const consensus = await fx.authority.consensusId();
    for (let k = 0; k < mixServers.length; k++) {
      options.onProgress(`election: mix round ${k + 1} of ${mixServers.length}`);
      await mixInProcess(fx.client, mixServers[k], fx.manifest, fx.jointKey, consensus, k + 1);
    }
    options.onProgress('election: decryption and tally');
    await fx.decrypt();
    await tallyElection(fx.authority);
    const sink = directorySink(options.out);
    await exportTranscript(httpSource(fx.client), fx.id, sink);
    sink.commit();
    return { dir: options.out, width: input.width, ballots: input.count, rounds: mixServers.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    await server.close();
    await board.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
