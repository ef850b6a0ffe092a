import { BoardError, type EntryTypeDefinition } from '@ostraka/board';
import { fromHex } from '@ostraka/crypto';
import { credentialsPayloadSchema, ELECTION_ENTRY_TYPES, type CredentialsPayload } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { requireConsensus, requireElection, requireState, writeElection } from '../election-record.js';

/** Author kind of voter credentials: they may sign ballots, nothing else. */
export const VOTER_KIND = 'voter';

/**
 * `election.credentials`: the authority registers public voter credentials (up to 1,000 per
 * entry) before voting opens. Each becomes an author of kind `voter`; the board never learns who
 * holds which. The number registered is the public size of the voter roll.
 */
export const credentialsEntry: EntryTypeDefinition<CredentialsPayload> = {
  type: ELECTION_ENTRY_TYPES.credentials,
  payload: credentialsPayloadSchema,
  signers: ['peer'],
  check({ payload }) {
    if (new Set(payload.credentials).size !== payload.credentials.length) throw new BoardError(400, 'INVALID_REQUEST', 'a credential is listed twice');
  },
  async validate({ payload: p, state, signer }) {
    const election = await requireElection(state, p.election);
    if (signer !== election.manifest.authority) throw new BoardError(403, 'FORBIDDEN', 'only the election authority registers credentials');
    requireConsensus(election, p.consensus_id);
    requireState(election, ['key-ceremony', 'ready'], 'registering credentials');
  },
  async apply({ payload: p, state, index, setElection }) {
    const election = await requireElection(state, p.election);
    for (const credential of p.credentials) {
      const id = keyId(fromHex(credential));
      if (await state.author(id)) throw new BoardError(409, 'CONFLICT', `credential ${credential} is already registered`);
      await state.insertAuthor({ keyId: id, publicKey: fromHex(credential), kind: VOTER_KIND, entry: index });
      await state.kvPut('credential', id, p.election, index);
    }
    await writeElection(state, { ...election, credentials: election.credentials + p.credentials.length }, index);
    setElection(p.election);
    return { registered: p.credentials.length, total: election.credentials + p.credentials.length };
  },
};
