import { Hono } from 'hono';
import { BoardError, type Board } from '@ostraka/board';
import { toHex } from '@ostraka/crypto';
import { DOCUMENT_KINDS, ELECTION_ENTRY_TYPES, packCiphertextList, type DocumentKind } from '@ostraka/protocol';
import { countedBallots, packBallots } from './ballot-box.js';
import { SEED_ENTRY_TYPES } from '@ostraka/protocol/log';
import { readRosterFile } from './ceremony.js';
import { readDocument, readDocumentRecord } from './documents.js';
import { roundBytes, roundInput, roundOutput } from './election-data.js';
import { requireElection, type ElectionRecord } from './election-record.js';
import { boardSource } from './transcript/board-source.js';
import { exportTranscript } from './transcript/export.js';
import { tarSink } from './transcript/tar-sink.js';

const notFound = (message: string) => new BoardError(404, 'NOT_FOUND', message);

function positiveInt(value: string, name: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new BoardError(400, 'INVALID_REQUEST', `${name} must be a positive integer`);
  return Number(value);
}

/** Which trustee files are on the board, per kind: the ceremony's progress at a glance. */
async function documentsPosted(board: Board, election: ElectionRecord) {
  const out: Record<string, number[]> = {};
  for (const kind of DOCUMENT_KINDS) {
    if (kind === 'election.plaintexts') continue;
    out[kind] = [];
    for (let j = 1; j <= election.manifest.trustees.count; j++)
      if ((await readDocumentRecord(board.reader, election.id, kind, j))?.complete) out[kind].push(j);
  }
  return out;
}

/** The round being posted (its peer and cycle, chunks so far), or null. */
async function roundInProgress(board: Board, e: ElectionRecord) {
  if (e.state !== 'mixing') return null;
  const round = e.rounds.length + 1;
  const progress = (await board.reader.kvGet('mix-round', `${e.id}/${round}`)) as
    | { peer: string; cycle: number; output: number[]; proof: number[]; outputCount: number; proofCount: number }
    | null;
  if (!progress) return null;
  return {
    round,
    peer: progress.peer,
    cycle: progress.cycle,
    output: { posted: progress.output.length, count: progress.outputCount },
    proof: { posted: progress.proof.length, count: progress.proofCount },
  };
}

/**
 * Read-only routes of elections (docs/api.md §Elections): their state and everything a party
 * needs to take its next step (the roster for the trustees, a round's input for a mix server, the
 * final list for decryption). All of it is derived from the log.
 */
export function electionRoutes(board: Board): Hono {
  const r = new Hono();
  const election = (id: string) => requireElection(board.reader, id);

  r.get('/', async (c) => {
    const drafts = await board.reader.entriesByType({ type: ELECTION_ENTRY_TYPES.draft, limit: 1000 });
    const list = [];
    for (const d of drafts) {
      const e = await requireElection(board.reader, (d.payload as { election: string }).election);
      list.push({ id: e.id, title: e.manifest.title, state: e.state, entry: e.draft_entry });
    }
    return c.json({ elections: list });
  });

  r.get('/:id', async (c) => {
    const e = await election(c.req.param('id'));
    const ballots = e.ballot_cycle === null ? 0 : await board.reader.countEntries({ type: SEED_ENTRY_TYPES.messageInbox, election: e.id });
    return c.json({
      id: e.id,
      state: e.state,
      manifest: e.manifest,
      width: e.width,
      consensus_id: e.consensus_id,
      trustees: e.trustees,
      joint_key: e.joint_key,
      qualified: e.qualified,
      credentials: e.credentials,
      ballots_cast: ballots,
      ballot_cycle: e.ballot_cycle,
      input: e.input,
      rounds: e.rounds,
      round_in_progress: await roundInProgress(board, e),
      documents: await documentsPosted(board, e),
      transitions: e.transitions,
      tally_entry: e.tally_entry,
      tree_head: board.head(),
    });
  });

  r.get('/:id/manifest', async (c) => c.json((await election(c.req.param('id'))).manifest));

  r.get('/:id/roster', async (c) => {
    const roster = await readRosterFile(board.reader, await election(c.req.param('id')));
    if (!roster) throw notFound('not every trustee has posted an identity yet');
    return c.json(roster);
  });

  r.get('/:id/documents/:kind/:trustee', async (c) => {
    const kind = c.req.param('kind') as DocumentKind;
    if (!DOCUMENT_KINDS.includes(kind)) throw new BoardError(400, 'INVALID_REQUEST', `kind must be one of ${DOCUMENT_KINDS.join(', ')}`);
    const trustee = Number(c.req.param('trustee'));
    if (!Number.isInteger(trustee) || trustee < 0 || trustee > 255) throw new BoardError(400, 'INVALID_REQUEST', 'bad trustee index');
    const doc = await readDocument(board.reader, (await election(c.req.param('id'))).id, kind, trustee);
    if (doc === null) throw notFound(`no complete ${kind} document of trustee ${trustee}`);
    return c.json(doc as object);
  });

  r.get('/:id/ballot-box', async (c) => {
    const e = await election(c.req.param('id'));
    if (e.ballot_cycle === null) throw notFound('voting has not opened');
    const list = packBallots(e, await countedBallots(board.reader, e));
    return c.json(packCiphertextList(e.manifest.group, e.id, e.width, list.count, list.packed));
  });

  r.get('/:id/rounds/:round/input', async (c) => {
    const list = await roundInput(board.reader, await election(c.req.param('id')), positiveInt(c.req.param('round'), 'round'));
    if (!list) throw notFound("that round's input is not fixed yet");
    return c.json(list);
  });

  r.get('/:id/rounds/:round/output', async (c) => {
    const list = await roundOutput(board.reader, await election(c.req.param('id')), positiveInt(c.req.param('round'), 'round'));
    if (!list) throw notFound('that round is not complete');
    return c.json(list);
  });

  r.get('/:id/rounds/:round/proof', async (c) => {
    const bytes = await roundBytes(board.reader, await election(c.req.param('id')), positiveInt(c.req.param('round'), 'round'), 'proof');
    if (!bytes) throw notFound('that round is not complete');
    return c.json({ proof: toHex(bytes) });
  });

  r.get('/:id/final-list', async (c) => {
    const e = await election(c.req.param('id'));
    if (e.rounds.length !== e.manifest.mixServers.length || e.rounds.length === 0) throw notFound('mixing is not complete');
    return c.json(await roundOutput(board.reader, e, e.rounds.length));
  });

  r.get('/:id/tally', async (c) => {
    const e = await election(c.req.param('id'));
    if (e.tally_entry === null) throw notFound('the election is not tallied yet');
    const entry = await board.reader.entry(e.tally_entry);
    return c.json({ entry: e.tally_entry, ...(entry?.payload as object) });
  });

  r.get('/:id/transcript', async (c) => {
    const e = await election(c.req.param('id'));
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const sink = tarSink(`${e.id}-transcript`, async (chunk) => {
      await writer.ready;
      await writer.write(chunk);
    });
    void exportTranscript(boardSource(board), e.id, sink)
      .then(() => sink.end())
      .then(() => writer.close())
      .catch((err: unknown) => writer.abort(err));
    return c.body(readable, 200, {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${e.id}-transcript.tar"`,
    });
  });

  return r;
}
