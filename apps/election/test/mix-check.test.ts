/**
 * Before the trustees decrypt, the authority checks every mix round's shuffle proof (no mix server
 * checks the last one): honest rounds pass with progress per round; a last round whose output was
 * altered after proving is refused, naming the round, and the election stays in `mixing`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@ostraka/crypto';
import type { Answer } from '@ostraka/protocol';
import { checkMixRounds, MixRoundInvalidError } from '@ostraka/election';
import { ElectionFixture, mixInProcess } from '@ostraka/election/testing';
import { servedBoard, type ServedBoard } from '../../board/test/support/fixtures.js';

const answers = (i: number): Answer[] => [
  { kind: 'plurality', candidate: i % 3 },
  { kind: 'approval', candidates: [i % 2] },
  { kind: 'ranked', ranking: [i % 3] },
  { kind: 'write-in', text: '' },
];

async function mixedElection(board: ServedBoard, id: string, tamperLast: boolean): Promise<ElectionFixture> {
  const fx = new ElectionFixture({ boardUrl: board.url, boardAuthority: board.authority, election: id, mixServers: [generateSigningKey(), generateSigningKey()], trustees: { threshold: 2, count: 3 } });
  await fx.prepare(5);
  for (const [i, code] of [...fx.credentials.keys()].entries()) await fx.vote(code, answers(i));
  await fx.closeAndStartMixing();
  const consensus = await fx.authority.consensusId();
  await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, consensus, 1);
  await mixInProcess(fx.client, fx.mixKeys[1], fx.manifest, fx.jointKey, consensus, 2, { tamper: tamperLast });
  return fx;
}

describe('the mix rounds checked before decryption', () => {
  let board: ServedBoard;
  beforeAll(async () => {
    board = await servedBoard();
  });
  afterAll(async () => board?.close());

  it('honest rounds verify, with progress per round, and decryption starts', async () => {
    const fx = await mixedElection(board, 'mix-check-honest', false);
    const seen = new Map<string, { done: number; total: number }>();
    const list = await fx.authority.startDecrypting({ workers: 1, onProgress: (p) => seen.set(p.step, p) });
    expect([...seen.keys()]).toEqual(['check round 1', 'check round 2']);
    for (const p of seen.values()) expect(p).toEqual({ step: expect.any(String), done: 5, total: 5 });
    expect(list.count).toBe(5);
    expect(list).toEqual(await fx.authority.finalList()); // the list checked is the list posted
    expect((await fx.authority.status()).state).toBe('decrypting');
  });

  it('a last round altered after proving is refused, naming it, and nothing is posted', async () => {
    const fx = await mixedElection(board, 'mix-check-tampered', true);
    const before = await fx.client.info();
    const refusal = await fx.authority.startDecrypting({ workers: 1 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MixRoundInvalidError);
    expect((refusal as MixRoundInvalidError).round).toBe(2);
    expect((refusal as Error).message).toMatch(/^mix round 2's shuffle proof does not verify \(.+\): its output must not be decrypted$/);
    expect((await fx.authority.status()).state).toBe('mixing');
    expect((await fx.client.info()).tree_size).toBe(before.tree_size);
    await expect(checkMixRounds(fx.authority, { workers: 1 })).rejects.toThrow(MixRoundInvalidError);
  });
});
