import { BoardError, type BoardReader, type CheckContext, type EntryContext, type EntryTypeExtension } from '@ostraka/board';
import {
  DecodeError,
  decodeCiphertext,
  decodeEncryptionProof,
  fromHex,
  groupByName,
  toHex,
  verifyEncryption,
  type Group,
} from '@ostraka/crypto';
import { ballotDataSchema, type BallotData } from '@ostraka/protocol';
import { keyId, type MessagePayload } from '@ostraka/protocol/log';
import { readElection, requireState, type ElectionRecord } from '../election-record.js';
import { VOTER_KIND } from './credentials.js';

/** The election a cycle of a peer collects ballots for (set by the `voting-open` transition). */
async function ballotElection(reader: BoardReader, m: MessagePayload): Promise<ElectionRecord | null> {
  const id = (await reader.kvGet('ballot-cycle', `${m.peer_id}/${m.cycle_id}`)) as string | null;
  return id === null ? null : readElection(reader, id);
}

const badBallot = (message: string) => new BoardError(400, 'BAD_BALLOT', message);

/** Ballots whose proof `check` verified, so that `validate` knows the expensive part was done. */
const verified = new WeakSet<object>();

function parseBallot(data: unknown): BallotData {
  const parsed = ballotDataSchema.safeParse(data);
  if (!parsed.success) throw badBallot(`not a ballot: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/**
 * Checks everything about a ballot that does not depend on the order of writes (docs/election.md
 * §Ballots): it is a well-formed ballot of the election the cycle collects for, signed by the
 * credential it names, with a valid non-malleable proof bound to that election and credential.
 */
async function checkBallot(ctx: CheckContext<MessagePayload>): Promise<void> {
  const election = await ballotElection(ctx.reader, ctx.payload);
  if (!election) return;
  const ballot = parseBallot(ctx.payload.data);
  if (ballot.election !== election.id) throw badBallot(`this ballot box collects ballots for election "${election.id}", not "${ballot.election}"`);
  if (ctx.author.kind !== VOTER_KIND || keyId(fromHex(ballot.credential)) !== ctx.signer)
    throw new BoardError(403, 'FORBIDDEN', 'a ballot is signed by the voter credential it names');
  if (!election.joint_key) throw new BoardError(409, 'WRONG_STATE', 'the election has no key yet');
  const group = groupByName(election.manifest.group) as Group<unknown>;
  let valid: boolean;
  try {
    const ciphertext = decodeCiphertext(group, fromHex(ballot.ciphertext, 'ciphertext'), election.width);
    const proof = decodeEncryptionProof(group, fromHex(ballot.proof, 'proof'), election.width);
    const publicKey = group.decode(fromHex(election.joint_key));
    valid = verifyEncryption(group, { election: election.id, step: 'ballot' }, fromHex(ballot.credential), publicKey, ciphertext, proof);
  } catch (e) {
    if (e instanceof DecodeError) throw badBallot(`malformed ballot: ${e.message}`);
    throw e;
  }
  if (!valid) throw badBallot('the proof of the ballot does not verify for this election and credential');
  verified.add(ctx.payload);
}

async function validateBallot(ctx: EntryContext<MessagePayload>): Promise<void> {
  const election = await ballotElection(ctx.state, ctx.payload);
  if (!election) return;
  requireState(election, ['voting-open'], 'casting a ballot');
  if (!verified.has(ctx.payload)) throw new BoardError(409, 'WRONG_STATE', 'voting opened while this ballot was in flight: cast it again');
  if ((await ctx.state.kvGet('credential', ctx.signer)) !== election.id)
    throw new BoardError(403, 'FORBIDDEN', 'this credential is not registered for this election');
}

/**
 * Refuses copies: a ciphertext component seen in any earlier ballot of the election (the same
 * ballot replayed, or copied under another credential, whose proof would fail anyway) is a 409.
 */
async function recordBallot(ctx: EntryContext<MessagePayload>): Promise<void> {
  const election = await ballotElection(ctx.state, ctx.payload);
  if (!election) return;
  const ballot = parseBallot(ctx.payload.data);
  const group = groupByName(election.manifest.group);
  const bytes = fromHex(ballot.ciphertext);
  for (let j = 0; j < election.width; j++) {
    const a = toHex(bytes.subarray(2 * j * group.elementLength, (2 * j + 1) * group.elementLength));
    if (!(await ctx.state.kvInsert('ballot-component', `${election.id}/${a}`, ctx.index, ctx.index)))
      throw new BoardError(409, 'DUPLICATE', 'this ciphertext was already cast (a replayed or copied ballot)');
  }
  ctx.setElection(election.id);
}

/** Ballot rules on the seed's `message.inbox`, for cycles that collect an election's ballots. */
export const ballotInbox: EntryTypeExtension<MessagePayload> = {
  check: checkBallot,
  validate: validateBallot,
  apply: recordBallot,
};
