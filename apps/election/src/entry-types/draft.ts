import { BoardError, type EntryTypeDefinition } from '@ostraka/board';
import { draftPayloadSchema, electionWidth, ELECTION_ENTRY_TYPES, type DraftPayload } from '@ostraka/protocol';
import { ELECTION_SCOPE, readElection, type ElectionRecord } from '../election-record.js';

/**
 * `election.draft`: the election authority's peer creates an election with its manifest. Nothing
 * is authorised yet: the trustees post their identities, then the authority and the trustees agree
 * on the manifest through a negotiation (docs/election.md §Authorisation).
 */
export const draftEntry: EntryTypeDefinition<DraftPayload> = {
  type: ELECTION_ENTRY_TYPES.draft,
  payload: draftPayloadSchema,
  signers: ['peer'],
  check({ payload: p, signer, board }) {
    if (p.manifest.id !== p.election) throw new BoardError(400, 'INVALID_REQUEST', 'manifest.id must be the election id');
    if (p.manifest.board !== board.id) throw new BoardError(400, 'INVALID_REQUEST', `the manifest names board ${p.manifest.board}, this is ${board.id}`);
    if (p.manifest.authority !== signer) throw new BoardError(403, 'FORBIDDEN', "the draft is signed by the manifest's authority peer");
  },
  async validate({ payload: p, state }) {
    if (await readElection(state, p.election)) throw new BoardError(409, 'CONFLICT', `election "${p.election}" already exists`);
    for (const peer of p.manifest.mixServers)
      if (!(await state.peer(peer))) throw new BoardError(409, 'CONFLICT', `mix server ${peer} is not a registered peer`);
  },
  async apply({ payload: p, state, index, setElection }) {
    const record: ElectionRecord = {
      id: p.election,
      state: 'draft',
      manifest: p.manifest,
      width: electionWidth(p.manifest),
      draft_entry: index,
      consensus_id: null,
      trustees: null,
      joint_key: null,
      qualified: null,
      credentials: 0,
      ballot_cycle: null,
      input: null,
      rounds: [],
      tally_entry: null,
      transitions: { draft: index },
    };
    if (!(await state.kvInsert(ELECTION_SCOPE, p.election, record as never, index))) throw new BoardError(409, 'CONFLICT', 'election exists');
    setElection(p.election);
    return p.election;
  },
};
