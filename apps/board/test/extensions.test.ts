import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BoardError, type Board, type EntryTypeDefinition } from '@ostraka/board';
import { BoardHttpError } from '@ostraka/board/client';
import { inProcessBoard, newPeer, type TestBoard } from './support/fixtures.js';

// A toy election extension: the interface issue 6 builds on.
const ballotPayload = z.strictObject({ election: z.string().regex(/^[a-z0-9-]+$/), credential: z.string().min(1), ballot: z.string() });
type Ballot = z.infer<typeof ballotPayload>;

const ballotCast: EntryTypeDefinition<Ballot> = {
  type: 'ballot.cast',
  payload: ballotPayload,
  signers: ['peer'],
  check({ payload }) {
    // Stands for an expensive proof check, run outside the write transaction.
    if (!payload.ballot.startsWith('valid:')) throw new BoardError(400, 'BAD_BALLOT', 'the ballot proof does not verify');
  },
  async validate({ payload, state }) {
    const phase = await state.kvGet('election-phase', payload.election);
    if (phase !== 'voting') throw new BoardError(409, 'WRONG_STATE', `election ${payload.election} is not open for voting`);
  },
  async apply({ payload, state, index, setElection }) {
    if (!(await state.kvInsert('ballot', `${payload.election}/${payload.credential}`, index, index)))
      throw new BoardError(409, 'DUPLICATE', 'this credential already voted');
    setElection(payload.election);
    return payload.credential;
  },
};

const phasePayload = z.strictObject({ election: z.string(), phase: z.enum(['voting', 'closed']) });
const electionPhase: EntryTypeDefinition<z.infer<typeof phasePayload>> = {
  type: 'election.phase',
  payload: phasePayload,
  signers: ['authority'],
  async apply({ payload, state, index, setElection }) {
    await state.kvPut('election-phase', payload.election, payload.phase, index);
    setElection(payload.election);
  },
};

function plugin(board: Board) {
  board.registerEntryType(ballotCast);
  board.registerEntryType(electionPhase);
  board.extendEntryType<{ data: unknown }>('message.inbox', {
    validate({ payload }) {
      if (payload.data === 'forbidden') throw new BoardError(409, 'REFUSED_BY_EXTENSION', 'no');
    },
  });
  const routes = new Hono();
  routes.get('/:id/ballots', async (c) => {
    const entries = await board.reader.entriesByType({ type: 'ballot.cast', election: c.req.param('id'), limit: 100 });
    return c.json({ count: await board.reader.countEntries({ type: 'ballot.cast', election: c.req.param('id') }), credentials: entries.map((e) => e.payload.credential) });
  });
  board.app.route('/elections', routes);
}

let t: TestBoard;
beforeAll(async () => {
  t = await inProcessBoard({ plugins: [plugin] });
});
afterAll(async () => t.close());

const status = (p: Promise<unknown>) => p.then(() => 201, (e: BoardHttpError) => `${e.status} ${e.code}`);

describe('extension entry types (the election interface)', () => {
  it('accepts registered types at POST /log/entries/:type, with their checks, state and election index', async () => {
    const box = await newPeer(t);
    const post = (payload: Ballot) => t.client.write(box.key, '/log/entries/ballot.cast', 'ballot.cast', payload);
    expect(await status(post({ election: 'e1', credential: 'c1', ballot: 'valid:1' }))).toBe('409 WRONG_STATE');
    await t.client.write(t.authority, '/log/entries/election.phase', 'election.phase', { election: 'e1', phase: 'voting' });
    expect(await status(t.client.write(box.key, '/log/entries/election.phase', 'election.phase', { election: 'e1', phase: 'closed' }))).toBe('403 FORBIDDEN');

    const r = await post({ election: 'e1', credential: 'c1', ballot: 'valid:1' });
    expect(r.id).toBe('c1');
    expect(await status(post({ election: 'e1', credential: 'c1', ballot: 'valid:2' }))).toBe('409 DUPLICATE');
    expect(await status(post({ election: 'e1', credential: 'c2', ballot: 'forged' }))).toBe('400 BAD_BALLOT');
    expect(await status(t.client.write(box.key, '/log/entries/ballot.cast', 'ballot.cast', { election: 'e1', credential: 'c3' } as never))).toBe('400 INVALID_REQUEST');
    // Two ballots of one credential in the same batch: exactly one is accepted.
    const race = await Promise.all([post({ election: 'e1', credential: 'c4', ballot: 'valid:a' }), post({ election: 'e1', credential: 'c4', ballot: 'valid:b' })].map(status));
    expect(race.sort()).toEqual([201, '409 DUPLICATE']);
    await post({ election: 'e2', credential: 'c1', ballot: 'valid:1' }).then(
      () => expect.unreachable(),
      (e: BoardHttpError) => expect(e.code).toBe('WRONG_STATE'),
    );

    const byElection: any = await t.client.request('GET', '/log/types/ballot.cast/entries?election=e1');
    expect(byElection.entries.map((e: any) => e.payload.credential)).toEqual(['c1', 'c4']);
    expect(await t.client.request('GET', '/elections/e1/ballots')).toEqual({ count: 2, credentials: ['c1', 'c4'] });
    expect((await t.client.info()).entry_types).toEqual(expect.arrayContaining(['ballot.cast', 'election.phase', 'peer.create']));
    expect(await t.client.checkInclusion(r.entry.leaf_hash, r.entry.index, await t.client.head())).toBe(true);
  });

  it('runs extension hooks on built-in types', async () => {
    const a = await newPeer(t);
    await t.client.openCycle(a.key, 1);
    expect(await status(t.client.sendToInbox(a.key, a.id, 1, 'forbidden'))).toBe('409 REFUSED_BY_EXTENSION');
    expect(await status(t.client.sendToInbox(a.key, a.id, 1, 'fine'))).toBe(201);
  });

  it('refuses badly named or duplicate types at registration', () => {
    expect(() => t.board.registerEntryType({ ...ballotCast, type: 'Ballot' })).toThrow(TypeError);
    expect(() => t.board.registerEntryType(ballotCast)).toThrow(/already registered/);
    expect(() => t.board.extendEntryType('no.such-type', {})).toThrow(TypeError);
  });
});
