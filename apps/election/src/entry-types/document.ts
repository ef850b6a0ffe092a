import { BoardError, type EntryContext, type EntryTypeDefinition } from '@ostraka/board';
import { checkDeal, groupByName } from '@ostraka/crypto';
import {
  complaintsFileSchema,
  dealFileSchema,
  documentPayloadSchema,
  ELECTION_ENTRY_TYPES,
  finalizationFileSchema,
  identityFileSchema,
  openComplaints,
  openDeal,
  openFinalization,
  openIdentity,
  checkFinalization,
  parseWith,
  partialDecryptionFileSchema,
  verifyPayloadSignature,
  type DocumentPayload,
} from '@ostraka/protocol';
import { asBoardError, evaluateCeremonyOnBoard, readRoster } from '../ceremony.js';
import { documentHash, documentText, parseDocument, readDocumentRecord, writeDocumentRecord } from '../documents.js';
import { requireConsensus, requireElection, requireState, type ElectionRecord } from '../election-record.js';
import { plaintextsFileSchema } from '../plaintexts.js';

/**
 * `election.document`: a file relayed by the election authority, in chunks (docs/transcript.md
 * §10.4). When the last chunk arrives the whole document is checked: a trustee file must carry its
 * trustee's signature and be valid for the election's current step; a bad one refuses the chunk.
 */
export const documentEntry: EntryTypeDefinition<DocumentPayload> = {
  type: ELECTION_ENTRY_TYPES.document,
  payload: documentPayloadSchema,
  signers: ['peer'],
  async validate(ctx) {
    const { payload: p, state } = ctx;
    const election = await requireElection(state, p.election);
    if (ctx.signer !== election.manifest.authority) throw new BoardError(403, 'FORBIDDEN', 'only the election authority relays documents');
    if (p.kind !== 'trustee.identity') requireConsensus(election, p.consensus_id);
    requireState(election, allowedStates(p.kind), `posting a ${p.kind} document`);
    if (p.kind === 'election.plaintexts' ? p.trustee !== 0 : p.trustee < 1 || p.trustee > election.manifest.trustees.count)
      throw new BoardError(400, 'INVALID_REQUEST', `trustee ${p.trustee} is not a trustee of this election`);
    if (p.index >= p.count) throw new BoardError(400, 'INVALID_REQUEST', 'chunk index beyond count');
    const record = await readDocumentRecord(state, p.election, p.kind, p.trustee);
    if (record?.complete) throw new BoardError(409, 'CONFLICT', `the ${p.kind} document of trustee ${p.trustee} is already on the board`);
    const expected = p.index === 0 ? 0 : (record?.entries.length ?? 0);
    if (p.index !== expected || (p.index > 0 && record?.count !== p.count))
      throw new BoardError(409, 'CHUNK_ORDER', `the next chunk of this document is ${expected} of ${record?.count ?? p.count}`);
  },
  async apply(ctx) {
    const { payload: p, state, index } = ctx;
    const previous = p.index === 0 ? [] : ((await readDocumentRecord(state, p.election, p.kind, p.trustee))?.entries ?? []);
    const entries = [...previous, index];
    const complete = entries.length === p.count;
    let hash: string | null = null;
    if (complete) {
      const text = (await documentText(state, previous)) + p.data;
      await checkDocument(ctx, await requireElection(state, p.election), parseDocument(text, `the ${p.kind} document`));
      hash = documentHash(text);
    }
    await writeDocumentRecord(state, p.election, p.kind, p.trustee, { count: p.count, entries, complete, hash }, index);
    ctx.setElection(p.election);
    return { document: p.kind, trustee: p.trustee, chunk: p.index, complete };
  },
};

function allowedStates(kind: DocumentPayload['kind']) {
  if (kind === 'trustee.identity') return ['draft'] as const;
  if (kind === 'decryption.partial' || kind === 'election.plaintexts') return ['decrypting'] as const;
  return ['key-ceremony'] as const;
}

async function checkDocument(ctx: EntryContext<DocumentPayload>, election: ElectionRecord, doc: unknown): Promise<void> {
  const { payload: p, state } = ctx;
  const group = groupByName(election.manifest.group);
  const what = `the ${p.kind} document of trustee ${p.trustee}`;
  const sameTrustee = (index: number) => {
    if (index !== p.trustee) throw new BoardError(400, 'BAD_DOCUMENT', `${what} is signed as trustee ${index}`);
  };
  switch (p.kind) {
    case 'trustee.identity': {
      const file = asBoardError(what, () => parseWith(identityFileSchema, doc));
      sameTrustee(file.payload.trustee);
      asBoardError(what, () => openIdentity(group, election.id, file));
      return;
    }
    case 'dkg.deal': {
      const roster = await readRoster(state, election);
      const deal = asBoardError(what, () => openDeal(roster, parseWith(dealFileSchema, doc)));
      sameTrustee(deal.dealer);
      // Well-formed against the roster, with a valid proof of knowledge of a_j0 (docs/transcript.md
      // §10.5): a deal anyone can see is bad never reaches the log, where every verifier would have
      // to refuse the whole transcript because of it.
      const problem = checkDeal(group, { election: election.id, threshold: roster.threshold, count: roster.count }, deal);
      if (problem) throw new BoardError(400, 'BAD_DOCUMENT', `${what} is not well-formed: ${problem}`);
      return;
    }
    case 'dkg.complaints': {
      const roster = await readRoster(state, election);
      const file = asBoardError(what, () => parseWith(complaintsFileSchema, doc));
      sameTrustee(file.payload.trustee);
      asBoardError(what, () => openComplaints(roster, file));
      return;
    }
    case 'dkg.finalization': {
      const { roster, result } = await evaluateCeremonyOnBoard(state, election);
      const f = asBoardError(what, () => openFinalization(roster, parseWith(finalizationFileSchema, doc)));
      sameTrustee(f.trustee);
      asBoardError(what, () => checkFinalization(roster, result, f));
      return;
    }
    case 'decryption.partial': {
      // Structure and signature only: the proofs of a large list are checked by whoever combines
      // the partial decryptions (and by the verifier), not inside the board's write transaction.
      const roster = await readRoster(state, election);
      const file = asBoardError(what, () => parseWith(partialDecryptionFileSchema, doc));
      sameTrustee(file.payload.trustee);
      const last = election.rounds[election.rounds.length - 1];
      const width = election.width;
      const q = file.payload;
      if (q.election !== election.id || q.list !== last.output_hash || q.count !== last.count || q.width !== width)
        throw new BoardError(400, 'BAD_DOCUMENT', `${what} does not decrypt the election's final mix output`);
      if (q.factors.length !== 2 * group.elementLength * width * q.count || q.proofs.length !== 4 * group.scalarLength * q.count)
        throw new BoardError(400, 'BAD_DOCUMENT', `${what} has the wrong number of factors or proofs`);
      if (!verifyPayloadSignature(roster.trustees[p.trustee - 1].signingKey, file))
        throw new BoardError(400, 'BAD_DOCUMENT', `${what} is not signed by trustee ${p.trustee}`);
      return;
    }
    case 'election.plaintexts': {
      const file = asBoardError(what, () => parseWith(plaintextsFileSchema, doc));
      const last = election.rounds[election.rounds.length - 1];
      if (file.election !== election.id || file.list !== last.output_hash || file.plaintexts.length !== last.count)
        throw new BoardError(400, 'BAD_DOCUMENT', 'the plaintexts do not belong to the final mix output');
      return;
    }
  }
}
