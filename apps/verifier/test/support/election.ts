/**
 * Produces a real election transcript for the verifier's tests, with the system's own code (a
 * served board, the authority's library, in-process trustees and mix rounds, the exporter): none
 * of it is the verifier's. Returns the directory and every key of the election, so that tests
 * can build correctly signed but semantically wrong variants.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, type SigningKey } from '@ostraka/crypto';
import { type Answer } from '@ostraka/protocol';
import { directorySink, exportTranscript, httpSource, tallyElection } from '@ostraka/election';
import { ElectionFixture, mixInProcess, type InProcessTrustee } from '@ostraka/election/testing';
import type { FullManifest } from '@ostraka/protocol';
import { type Receipt } from '@ostraka/client';
import { servedBoard } from '../../../board/test/support/fixtures.js';

export interface ElectionKeys {
  board: SigningKey;
  boardAuthority: SigningKey;
  electionAuthority: SigningKey;
  mixServers: readonly SigningKey[];
  trustees: readonly SigningKey[];
  credentials: readonly SigningKey[];
}

export interface GeneratedElection {
  /** The exported transcript directory (docs/transcript.md §10.10). */
  dir: string;
  election: string;
  keys: ElectionKeys;
  /** One receipt per voter, in credential order; voter 0 re-voted (its first receipt is replaced). */
  receipts: Receipt[];
  /** Voter 0's second receipt (the counted one). */
  revote: Receipt;
  /** The trustees (with their key shares), to decrypt rewritten lists. */
  trustees: InProcessTrustee[];
  manifest: FullManifest;
  jointKey: string;
}

export interface ElectionOptions {
  voters?: number;
  group?: 'ristretto255' | 'p256';
  trustees?: { threshold: number; count: number };
  mixServers?: number;
  /** Dealer `dealer` sends a bad share to `to` (a complaint is upheld). */
  cheatingDealer?: { dealer: number; to: number };
  /** Trustees whose partial decryptions are posted; `cheating` ones post a wrong factor. */
  decrypting?: { trustees: number[]; cheating: number[] };
  /** Called with the live board after the election is tallied, before the export. */
  whileServed?: (boardUrl: string, fx: ElectionFixture) => Promise<void>;
}

export function answers(seed: number): Answer[] {
  return [
    { kind: 'plurality', candidate: seed % 4 === 3 ? null : seed % 3 },
    { kind: 'approval', candidates: seed % 2 ? [0, 3] : [1] },
    { kind: 'ranked', ranking: seed % 2 ? [2, 0, 1] : [1, 2] },
    { kind: 'write-in', text: seed % 5 === 0 ? '' : `motto ${seed % 2}` },
  ];
}

export async function generateElection(options: ElectionOptions = {}): Promise<GeneratedElection> {
  const voters = options.voters ?? 6;
  const board = await servedBoard();
  try {
    const mixServers = Array.from({ length: options.mixServers ?? 2 }, () => generateSigningKey());
    const fx = new ElectionFixture({
      boardUrl: board.url,
      boardAuthority: board.authority,
      mixServers,
      trustees: options.trustees ?? { threshold: 2, count: 3 },
      group: options.group,
      cheatingDealer: options.cheatingDealer,
    });
    await fx.prepare(voters);
    const codes = [...fx.credentials.keys()];
    const receipts: Receipt[] = [];
    for (let i = 0; i < codes.length; i++) receipts.push(await fx.vote(codes[i], answers(i)));
    const revote = await fx.vote(codes[0], answers(100));
    await fx.authority.closeVoting();
    await fx.authority.startMixing();
    const consensus = await fx.authority.consensusId();
    for (let k = 0; k < mixServers.length; k++) await mixInProcess(fx.client, mixServers[k], fx.manifest, fx.jointKey, consensus, k + 1, { chunkChars: 1000 });
    const decrypting = options.decrypting ?? { trustees: [1, 2, 3], cheating: [] };
    await fx.decrypt(decrypting.trustees, decrypting.cheating);
    await tallyElection(fx.authority);
    if (options.whileServed) await options.whileServed(board.url, fx);

    const dir = join(mkdtempSync(join(tmpdir(), 'ostraka-verify-')), `${fx.id}-transcript`);
    const sink = directorySink(dir);
    await exportTranscript(httpSource(fx.client), fx.id, sink);
    sink.commit();
    return {
      dir,
      election: fx.id,
      keys: {
        board: board.boardKey,
        boardAuthority: board.authority,
        electionAuthority: fx.authorityKey,
        mixServers,
        trustees: fx.trustees.map((t) => t.signingKey),
        credentials: codes.map((c) => fx.credentials.get(c)!),
      },
      receipts,
      revote,
      trustees: fx.trustees,
      manifest: fx.manifest,
      jointKey: fx.jointKey,
    };
  } finally {
    await board.close();
  }
}
