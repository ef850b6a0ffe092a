import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ciphertextLength, groupByName, ristretto255Group, toHex } from '@ostraka/crypto';
import { ciphertextListHash } from '@ostraka/protocol';
import { MixFailure, RoundState, StateLock } from '@ostraka/mixer';
import { tempDir } from './support/temp-dir.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const board = '0123456789abcdef0123456789abcdef';
const width = 2;
const size = ciphertextLength(groupByName('ristretto255'), width);

/** Encodings of random group elements: a list that decodes, as a real output does. */
function randomList(count: number): Uint8Array {
  const g = ristretto255Group;
  const out = new Uint8Array(count * size);
  for (let i = 0; i < count * 2 * width; i++) out.set(g.encode(g.multiply(g.generator, g.scalars.randomNonZero())), i * g.elementLength);
  return out;
}

function record(count: number) {
  return {
    board,
    election: 'city-2026',
    round: 2,
    peer: 'f'.repeat(32),
    group: 'ristretto255' as const,
    width,
    count,
    consensus_id: '1'.repeat(64),
    input_hash: '2'.repeat(64),
    chunk_bytes: { output: 4 * size, proof: 1000 },
  };
}

let n = 0;
function freshState(): RoundState {
  const state = new RoundState(join(tmp.dir, `s${n++}`), board, 'city-2026', 2);
  state.open();
  return state;
}

describe('the state directory of a round', () => {
  it('saves output and proof and loads them back, checked against the record', () => {
    const state = freshState();
    expect(state.load()).toEqual({ status: 'none' });
    const output = randomList(5);
    const proof = crypto.getRandomValues(new Uint8Array(777));
    const saved = state.save(record(5), output, proof);
    expect(saved.record.output_hash).toBe(toHex(ciphertextListHash('ristretto255', 'city-2026', width, 5, output)));
    const loaded = state.load();
    expect(loaded.status).toBe('saved');
    if (loaded.status !== 'saved') return;
    expect(toHex(loaded.round.output)).toBe(toHex(output));
    expect(toHex(loaded.round.proof)).toBe(toHex(proof));
    expect(loaded.round.record).toEqual(saved.record);
    expect(state.dir).toBe(join(tmp.dir, `s${n - 1}`, board, 'city-2026', 'round-2'));
    expect(statSync(state.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(state.dir, 'output.bin')).mode & 0o077).toBe(0);
    // No temporary file is left behind.
    expect(readdirSync(state.dir).sort()).toEqual(['lock', 'output.bin', 'proof.bin', 'round.json']);
    state.close();
    expect(existsSync(join(state.dir, 'lock'))).toBe(false);
  });

  it('reports a damaged save (any byte of output or proof changed, a file missing, a bad record) instead of using it', () => {
    const state = freshState();
    const output = randomList(3);
    const proof = crypto.getRandomValues(new Uint8Array(100));
    state.save(record(3), output, proof);
    const damage = (file: string, bytes: Uint8Array | string) => writeFileSync(join(state.dir, file), bytes);

    const flipped = output.slice();
    flipped[77] ^= 1;
    damage('output.bin', flipped);
    expect(state.load()).toMatchObject({ status: 'damaged', reason: expect.stringMatching(/output\.bin/) });
    damage('output.bin', output.subarray(0, output.length - 1));
    expect(state.load()).toMatchObject({ status: 'damaged', reason: expect.stringMatching(/output\.bin holds/) });
    damage('output.bin', output);
    const otherProof = proof.slice();
    otherProof[0] ^= 0x80;
    damage('proof.bin', otherProof);
    expect(state.load()).toMatchObject({ status: 'damaged', reason: expect.stringMatching(/proof\.bin/) });
    damage('proof.bin', proof);
    expect(state.load().status).toBe('saved');
    damage('round.json', '{"type": "ostraka-mix-round"');
    expect(state.load()).toMatchObject({ status: 'damaged', reason: expect.stringMatching(/round\.json/) });

    state.recordCycle(3);
    state.discard();
    expect(state.load()).toEqual({ status: 'none' });
    expect(state.cycle()).toBe(3);
    state.close();
  });

  it('records the cycle chosen for posting', () => {
    const state = freshState();
    expect(state.cycle()).toBeNull();
    state.recordCycle(7);
    expect(state.cycle()).toBe(7);
    expect(JSON.parse(readFileSync(join(state.dir, 'cycle.json'), 'utf8'))).toEqual({ cycle: 7 });
    state.close();
  });

  it('removes temporary files a crash left behind when it opens', () => {
    const first = freshState();
    first.close();
    writeFileSync(join(first.dir, '.output.bin.0123456789ab.tmp'), 'half a file');
    const again = new RoundState(join(first.dir, '..', '..', '..'), board, 'city-2026', 2);
    again.open();
    expect(readdirSync(again.dir)).toEqual(['lock']);
    again.close();
  });

  it('refuses ids that are not safe path components', () => {
    expect(() => new RoundState(tmp.dir, '../etc', 'x', 1)).toThrow(RangeError);
    expect(() => new RoundState(tmp.dir, board, '../x', 1)).toThrow(RangeError);
  });
});

describe('the state lock', () => {
  it('refuses a second mix server while the first one runs, and takes over a lock whose process is gone', async () => {
    const path = join(tmp.dir, 'lock-test');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    writeFileSync(path, `${sleeper.pid}\n`);
    expect(() => StateLock.acquire(path)).toThrow(MixFailure);
    expect(() => StateLock.acquire(path)).toThrow(new RegExp(`pid ${sleeper.pid}`));
    await new Promise<void>((done) => {
      sleeper.once('exit', () => done());
      sleeper.kill('SIGKILL');
    });
    const lock = StateLock.acquire(path);
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(path)).toBe(false);
    // An empty lock file (a crash between creating and writing it) is taken over too.
    writeFileSync(path, '');
    StateLock.acquire(path).release();
  });
});
