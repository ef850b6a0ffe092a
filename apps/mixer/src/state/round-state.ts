import { sha256 } from '@noble/hashes/sha2.js';
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ciphertextLength, groupByName, toHex } from '@ostraka/crypto';
import { ciphertextListHash } from '@ostraka/protocol';
import { z } from 'zod';
import { syncDirectory, TEMPORARY_FILE, writeFileAtomic } from '@ostraka/cli-kit';
import { StateLock } from './lock.js';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * `round.json`, written last: the commit point of a saved round. Its presence says that
 * `output.bin` and `proof.bin` are complete, and it holds their hashes to check them on resume.
 * The chunk sizes are fixed here so that a resumed round cuts its documents exactly as before.
 */
const savedRoundSchema = z.strictObject({
  type: z.literal('ostraka-mix-round'),
  version: z.literal(1),
  board: z.string(),
  election: z.string(),
  round: z.int().min(1),
  peer: z.string(),
  group: z.enum(['ristretto255', 'p256']),
  width: z.int().min(1),
  count: z.int().min(0),
  consensus_id: hex32,
  input_hash: hex32,
  output_hash: hex32,
  proof_sha256: hex32,
  chunk_bytes: z.strictObject({ output: z.int().min(1), proof: z.int().min(1) }),
});
export type SavedRoundRecord = z.infer<typeof savedRoundSchema>;

export interface SavedRound {
  readonly record: SavedRoundRecord;
  readonly output: Uint8Array;
  readonly proof: Uint8Array;
}

export type LoadedRound = { status: 'none' } | { status: 'saved'; round: SavedRound } | { status: 'damaged'; reason: string };

const cycleIntentSchema = z.strictObject({ cycle: z.int().min(1) });

/**
 * A round's state directory, `<state-dir>/<board id>/<election>/round-<k>/`: the shuffled output
 * and its proof, saved before anything is posted, and the cycle the mix server chose for posting.
 * The shuffle's secret is never saved: once the output is saved the secret is no longer needed,
 * and before that a restart shuffles anew (nothing was posted).
 */
export class RoundState {
  readonly dir: string;
  private lock: StateLock | null = null;

  constructor(stateDir: string, board: string, election: string, round: number) {
    // Board ids are hex and election ids are `a-z 0-9 -`: both safe as path components.
    if (!/^[0-9a-f]+$/.test(board) || !/^[a-z0-9][a-z0-9-]*$/.test(election)) throw new RangeError('board or election id is not a safe path component');
    this.dir = join(stateDir, board, election, `round-${round}`);
  }

  /** Creates the directory (mode 0700), takes the lock and removes temporary files a crash left behind. */
  open(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.lock = StateLock.acquire(join(this.dir, 'lock'));
    for (const name of readdirSync(this.dir)) if (TEMPORARY_FILE.test(name)) unlinkSync(join(this.dir, name));
  }

  close(): void {
    this.lock?.release();
    this.lock = null;
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  /** Saves output and proof, then the record that commits them (each file atomic and flushed). */
  save(record: Omit<SavedRoundRecord, 'type' | 'version' | 'output_hash' | 'proof_sha256'>, output: Uint8Array, proof: Uint8Array): SavedRound {
    const full: SavedRoundRecord = {
      type: 'ostraka-mix-round',
      version: 1,
      ...record,
      output_hash: toHex(ciphertextListHash(record.group, record.election, record.width, record.count, output)),
      proof_sha256: toHex(sha256(proof)),
    };
    writeFileAtomic(this.path('output.bin'), output);
    writeFileAtomic(this.path('proof.bin'), proof);
    writeFileAtomic(this.path('round.json'), JSON.stringify(full, null, 2) + '\n');
    return { record: savedRoundSchema.parse(full), output, proof };
  }

  /** The saved round, if any, after checking both files against the record. */
  load(): LoadedRound {
    let text: string;
    try {
      text = readFileSync(this.path('round.json'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none' };
      throw e;
    }
    let record: SavedRoundRecord;
    try {
      record = savedRoundSchema.parse(JSON.parse(text));
    } catch (e) {
      return { status: 'damaged', reason: `round.json is not a saved round (${(e as Error).message.split('\n')[0]})` };
    }
    let output: Uint8Array;
    let proof: Uint8Array;
    try {
      output = new Uint8Array(readFileSync(this.path('output.bin')));
      proof = new Uint8Array(readFileSync(this.path('proof.bin')));
    } catch (e) {
      return { status: 'damaged', reason: `cannot read the saved output or proof (${(e as NodeJS.ErrnoException).code ?? e})` };
    }
    const size = ciphertextLength(groupByName(record.group), record.width);
    if (output.length !== record.count * size) return { status: 'damaged', reason: `output.bin holds ${output.length} bytes, not ${record.count} ciphertexts` };
    if (toHex(ciphertextListHash(record.group, record.election, record.width, record.count, output)) !== record.output_hash)
      return { status: 'damaged', reason: 'output.bin does not match its hash in round.json' };
    if (toHex(sha256(proof)) !== record.proof_sha256) return { status: 'damaged', reason: 'proof.bin does not match its hash in round.json' };
    return { status: 'saved', round: { record, output, proof } };
  }

  /**
   * Forgets a saved round that cannot be used (damaged), when the board holds nothing of it. The
   * recorded cycle stays: it is still empty, and the new round is posted there.
   */
  discard(): void {
    for (const name of ['round.json', 'output.bin', 'proof.bin']) {
      try {
        unlinkSync(this.path(name));
      } catch {
        // Not there.
      }
    }
    syncDirectory(this.dir);
  }

  /** The cycle this round is (to be) posted in, recorded before the cycle is created. */
  cycle(): number | null {
    try {
      return cycleIntentSchema.parse(JSON.parse(readFileSync(this.path('cycle.json'), 'utf8'))).cycle;
    } catch {
      return null;
    }
  }

  recordCycle(cycle: number): void {
    writeFileAtomic(this.path('cycle.json'), JSON.stringify({ cycle }) + '\n');
  }
}
