/**
 * A curious or corrupt election administrator (the election authority, which in ostraka is also
 * the credential authority that drew the voters' codes). It cannot count other than the
 * plaintexts (the board refuses), cannot publish plaintexts other than the decryption (the
 * verifier refuses: attack-ceremony.test.ts), and cannot decrypt ballots alone. What it can do, as
 * the holder of the codes, is cast in a voter's name: that is not prevented, only detected, by
 * the voter's receipt check reporting the ballot replaced (docs/threat-model.md says so).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReceipt } from '@ostraka/client';
import { tallyElection } from '@ostraka/election';
import { mixInProcess } from '@ostraka/election/testing';
import { answers } from './support/ballots.js';
import { refusal } from './support/refusal.js';
import { servedBoard, votedElection, type ServedBoard } from './support/served-election.js';

let board: ServedBoard;
beforeAll(async () => {
  board = await servedBoard();
});
afterAll(async () => board?.close());

describe('the election authority', () => {
  it('casting in a voter’s name with the code it drew is detected by that voter’s receipt check (replaced)', async () => {
    const { fx, receipts } = await votedElection(board, { id: 'authority', voters: 3 });
    const [victim, other] = [...fx.credentials.keys()];
    // The authority knows every code: it re-votes for the victim, and the last ballot counts.
    await fx.vote(victim, answers(99));
    await fx.closeAndStartMixing();
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1);
    await fx.decrypt([1, 2]);

    expect((await tallyElection(fx.authority)).tally.ballots).toBe(3);

    const seen = await checkReceipt(board.url, receipts.get(victim)!);
    expect(seen.counted).toBe('replaced');
    expect(seen.checks.find((c) => c.name === 'counted')?.detail).toMatch(/later ballot of the same credential/);
    expect((await checkReceipt(board.url, receipts.get(other)!)).counted).toBe('counted');
  });

  it('cannot move the election to a tally that is not the count of the plaintexts', async () => {
    const { fx } = await votedElection(board, { id: 'authority-tally', voters: 2 });
    await fx.closeAndStartMixing();
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1);
    await fx.decrypt([1, 2]);
    const status = await fx.authority.status();
    await refusal(
      fx.authority.transition('tallied', { decryptions: [1, 2], plaintexts_hash: '00'.repeat(32), tally: { ballots: 2, valid: 2, invalid: 0, invalidPositions: [], questions: [] } }),
      409,
      'WRONG_STATE',
    );
    expect(status.state).toBe('decrypting');
    const outcome = await tallyElection(fx.authority);
    expect(outcome.tally.ballots).toBe(2);
  });
});
