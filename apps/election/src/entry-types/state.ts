import { BoardError, type EntryContext, type EntryTypeDefinition } from '@ostraka/board';
import { fromHex, groupByName, toHex } from '@ostraka/crypto';
import {
  canonicalJson,
  ELECTION_ENTRY_TYPES,
  ELECTION_STATES,
  statePayloadSchema,
  tallyBallots,
  type ElectionState,
  type Json,
  type StatePayload,
} from '@ostraka/protocol';
import { countedBallots, packBallots } from '../ballot-box.js';
import { evaluateCeremonyOnBoard, readFinalizations, readRosterFile } from '../ceremony.js';
import { documentText, parseDocument, readDocumentRecord } from '../documents.js';
import { requireConsensus, requireElection, writeElection, type ElectionRecord } from '../election-record.js';
import { plaintextsFileSchema } from '../plaintexts.js';
import { keyId } from '@ostraka/protocol/log';

type Changes = Partial<ElectionRecord>;
type Transition<S extends StatePayload['state']> = (
  ctx: EntryContext<Extract<StatePayload, { state: S }>>,
  election: ElectionRecord,
) => Promise<Changes>;

const refuse = (message: string) => new BoardError(409, 'WRONG_STATE', message);

/**
 * The state machine of an election (docs/election.md §States): each `election.state` entry,
 * signed by the election authority, moves the election one step and fixes what that step
 * decides. An illegal transition is refused with 409 and changes nothing.
 */
const TRANSITIONS: { [S in StatePayload['state']]: Transition<S> } = {
  async 'key-ceremony'({ payload: p, state, index }, election) {
    const consensus = await state.consensus(p.consensus_id);
    if (!consensus) throw new BoardError(404, 'NOT_FOUND', `no consensus ${p.consensus_id}`);
    if (consensus.negotiationId !== p.negotiation_id) throw refuse('the consensus does not belong to that negotiation');
    if (consensus.usedBy !== null) throw refuse(`consensus ${p.consensus_id} already authorised entry ${consensus.usedBy}`);
    if (consensus.text !== canonicalJson(election.manifest as unknown as Json))
      throw refuse("the consensus text is not the canonical JSON of the election's manifest");
    const negotiation = await state.negotiation(p.negotiation_id);
    const participants = [...(negotiation?.participants ?? [])].sort();
    const roster = await readRosterFile(state, election);
    if (!roster) throw refuse('every trustee must post its identity before the key ceremony');
    const trustees = roster.trustees.map((identity) => keyId(fromHex(identity.payload.signingKey)));
    const expected = [election.manifest.authority, ...trustees].sort();
    if (participants.join(',') !== expected.join(','))
      throw refuse("the negotiation's participants must be exactly the authority and the trustees whose identities are posted");
    await state.markConsensusUsed(p.consensus_id, index);
    return { consensus_id: p.consensus_id, trustees };
  },

  async ready({ payload: p, state }, election) {
    const { roster, result } = await evaluateCeremonyOnBoard(state, election);
    const group = groupByName(election.manifest.group);
    if (toHex(group.encode(result.publicKey)) !== p.joint_key) throw refuse('the joint key is not the one the deals give');
    if (result.qualified.join(',') !== p.qualified.join(',')) throw refuse(`the qualified dealers are [${result.qualified.join(', ')}]`);
    const finalized = await readFinalizations(state, election, roster);
    if (finalized.length < roster.threshold)
      throw refuse(`${finalized.length} trustees have finalized; at least ${roster.threshold} must, to be able to decrypt`);
    return { joint_key: p.joint_key, qualified: p.qualified };
  },

  async 'voting-open'({ payload: p, state }, election) {
    if (election.credentials === 0) throw refuse('no voter credential is registered');
    const cycle = await state.cycle(election.manifest.authority, p.cycle_id);
    if (!cycle || cycle.status !== 'OPEN' || cycle.inboxSize !== 0)
      throw refuse(`cycle ${p.cycle_id} of the authority's peer must exist, be OPEN and have an empty inbox`);
    const key = `${election.manifest.authority}/${p.cycle_id}`;
    if (!(await state.kvInsert('ballot-cycle', key, election.id, p.cycle_id))) throw refuse(`cycle ${p.cycle_id} already serves an election`);
    return { ballot_cycle: p.cycle_id };
  },

  async 'voting-closed'({ state }, election) {
    const cycle = await state.cycle(election.manifest.authority, election.ballot_cycle as number);
    if (cycle?.status !== 'CLOSED') throw refuse(`close cycle ${election.ballot_cycle} (the ballot box) first`);
    return {};
  },

  async mixing({ payload: p, state }, election) {
    const list = packBallots(election, await countedBallots(state, election));
    if (list.count !== p.ballots || list.hash !== p.input_hash)
      throw refuse(`the ballot box holds ${list.count} ballots with list hash ${list.hash}`);
    return { input: { hash: list.hash, count: list.count } };
  },

  async decrypting({ payload: p }, election) {
    const k = election.manifest.mixServers.length;
    if (election.rounds.length !== k) throw refuse(`${election.rounds.length} of ${k} mix rounds are complete`);
    const last = election.rounds[k - 1];
    if (last.output_hash !== p.output_hash || last.count !== p.ciphertexts) throw refuse('this is not the last mix output');
    return {};
  },

  async tallied({ payload: p, state }, election) {
    const record = await readDocumentRecord(state, election.id, 'election.plaintexts', 0);
    if (!record?.complete || record.hash === null) throw refuse('post the plaintexts first');
    const file = plaintextsFileSchema.parse(parseDocument(await documentText(state, record.entries), 'the plaintexts'));
    const plaintextsHash = record.hash;
    if (plaintextsHash !== p.plaintexts_hash) throw refuse('plaintexts_hash is not the hash of the posted plaintexts');
    const recount = tallyBallots(
      election.manifest.questions,
      file.plaintexts.map((h) => (h === null ? null : fromHex(h))),
    );
    if (canonicalJson(recount as unknown as Json) !== canonicalJson(p.tally as Json)) throw refuse('the tally is not the count of the posted plaintexts');
    for (const j of p.decryptions)
      if (!(await readDocumentRecord(state, election.id, 'decryption.partial', j))?.complete)
        throw refuse(`trustee ${j} has posted no partial decryption`);
    if (p.decryptions.length < election.manifest.trustees.threshold) throw refuse('fewer partial decryptions than the threshold');
    return {};
  },
};

export const stateEntry: EntryTypeDefinition<StatePayload> = {
  type: ELECTION_ENTRY_TYPES.state,
  payload: statePayloadSchema,
  signers: ['peer'],
  async validate(ctx) {
    const { payload: p, state } = ctx;
    const election = await requireElection(state, p.election);
    if (ctx.signer !== election.manifest.authority) throw new BoardError(403, 'FORBIDDEN', "only the election authority's peer moves the election");
    const from = ELECTION_STATES[ELECTION_STATES.indexOf(p.state) - 1] as ElectionState;
    if (election.state !== from) throw refuse(`election "${election.id}" is ${election.state}; ${p.state} follows ${from}`);
    if (p.state !== 'key-ceremony') requireConsensus(election, p.consensus_id);
  },
  async apply(ctx) {
    const { payload: p, state, index } = ctx;
    const election = await requireElection(state, p.election);
    const changes = await (TRANSITIONS[p.state] as Transition<StatePayload['state']>)(ctx as never, election);
    const next: ElectionRecord = {
      ...election,
      ...changes,
      state: p.state,
      tally_entry: p.state === 'tallied' ? index : election.tally_entry,
      transitions: { ...election.transitions, [p.state]: index },
    };
    await writeElection(state, next, index);
    ctx.setElection(p.election);
    return { election: p.election, state: p.state };
  },
};
