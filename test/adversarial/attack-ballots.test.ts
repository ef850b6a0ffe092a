/**
 * Known attacks on ballots, against a real board process over HTTP (docs/election.md §5):
 * ballot copying (Cortier–Smyth) and re-randomised copies under another credential, replays,
 * ballots moved to another election, a second ballot smuggled into one submission, ballots
 * signed by the wrong key, and malformed, non-canonical, off-group and identity elements and
 * out-of-range scalars in every field of a ballot. Every one is refused, nothing of it reaches
 * the log, and the election then counts exactly the honest ballots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castBallot, createBallot } from '@ostraka/client';
import {
  decodeCiphertext,
  ElGamal,
  encodeCiphertext,
  encodeEncryptionProof,
  encodePlaintext,
  fromHex,
  generateSigningKey,
  groupByName,
  proveEncryption,
  toHex,
  type Group,
  type SigningKey,
} from '@ostraka/crypto';
import { electionWidth, encodeBallot, tallyBallots, type BallotData, type Json } from '@ostraka/protocol';
import { SEED_ENTRY_TYPES, signEnvelope } from '@ostraka/protocol/log';
import { tallyElection } from '@ostraka/election';
import { mixInProcess, type ElectionFixture } from '@ostraka/election/testing';
import { answers } from './support/ballots.js';
import { badElements, badScalars, spliceBytes } from './support/bad-encodings.js';
import { ballotCycleOf, ballotPayload, castRaw, type BallotCycle } from './support/cast-raw.js';
import { refusal } from './support/refusal.js';
import { openElection, servedBoard, type ServedBoard } from './support/served-election.js';
import { auditElection } from './support/verifier.js';

let board: ServedBoard;
beforeAll(async () => {
  board = await servedBoard();
});
afterAll(async () => board?.close());

interface Open {
  fx: ElectionFixture;
  box: BallotCycle;
  voters: SigningKey[];
  codes: string[];
  G: Group<unknown>;
  width: number;
}

async function open(id: string, voters: number, group: 'ristretto255' | 'p256' = 'ristretto255'): Promise<Open> {
  const fx = await openElection(board, { id, voters, group });
  const codes = [...fx.credentials.keys()];
  return { fx, box: await ballotCycleOf(fx), voters: codes.map((c) => fx.credentials.get(c)!), codes, G: groupByName(group) as Group<unknown>, width: electionWidth(fx.manifest) };
}

const ballotsCast = async (fx: ElectionFixture) => (await fx.authority.status()).ballots_cast;

describe('ballot copying, replays and foreign ballots', () => {
  let e: Open;
  let other: Open;
  beforeAll(async () => {
    [e, other] = [await open('ballots', 4), await open('ballots-other', 2)];
  });

  it('refuses a copied ballot under another credential, re-randomised or not, and replays of one’s own', async () => {
    const [alice, bob] = e.voters;
    const ballot = createBallot(e.fx.manifest, e.fx.jointKey, answers(1), alice);
    await castBallot(board.url, { id: e.fx.id, authority: e.box.authority, ballotCycle: e.box.cycle }, ballot, alice);
    const before = await ballotsCast(e.fx);

    // Cortier–Smyth: Alice's ballot, cast by Bob under his own credential.
    await refusal(castRaw(e.box, bob, { ...ballot, credential: toHex(bob.publicKey) }), 400, 'BAD_BALLOT');
    // Bob signs Alice's ballot as it is (naming Alice's credential).
    await refusal(castRaw(e.box, bob, ballot as unknown as Json), 403, 'FORBIDDEN');
    // Re-randomised: same plaintext, fresh ciphertext; the proof is Alice's, or Bob's made with
    // the only randomness he knows (his re-encryption's).
    const G = e.G;
    const pk = G.decode(fromHex(e.fx.jointKey));
    const elgamal = new ElGamal(G, pk);
    const { ciphertext: copy, randomness } = elgamal.reEncrypt(decodeCiphertext(G, fromHex(ballot.ciphertext), e.width));
    const copyHex = toHex(encodeCiphertext(G, copy));
    await refusal(castRaw(e.box, bob, { ...ballot, credential: toHex(bob.publicKey), ciphertext: copyHex }), 400, 'BAD_BALLOT');
    const bobsProof = proveEncryption(G, { election: e.fx.id, step: 'ballot' }, bob.publicKey, pk, copy, randomness);
    await refusal(
      castRaw(e.box, bob, { ...ballot, credential: toHex(bob.publicKey), ciphertext: copyHex, proof: toHex(encodeEncryptionProof(G, bobsProof)) }),
      400,
      'BAD_BALLOT',
    );
    // Alice's own ballot again: the same statement is a replay; with a nonce, a duplicate ciphertext.
    const envelope = signEnvelope(alice, e.box.board, SEED_ENTRY_TYPES.messageInbox, ballotPayload(e.box, alice, ballot as unknown as Json));
    const replay = await fetch(`${board.url}/peers/${e.box.authority}/cycles/${e.box.cycle}/inbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('REPLAY');
    await refusal(castRaw(e.box, alice, ballot as unknown as Json, 'again'), 409, 'DUPLICATE');
    expect(await ballotsCast(e.fx)).toBe(before);
  });

  it('refuses ballots moved between elections and ballots signed by keys that are not its voters', async () => {
    const [alice] = e.voters;
    const [carol] = other.voters;
    // A ballot of election "ballots-other" cast into "ballots" by one of its voters: it names the other election.
    const foreign = createBallot(other.fx.manifest, other.fx.jointKey, answers(2), carol);
    await refusal(castRaw(e.box, alice, { ...foreign, credential: toHex(alice.publicKey) }), 400, 'BAD_BALLOT');
    // Relabelled for "ballots": its proof is bound to the other election, its key and Carol's credential.
    await refusal(castRaw(e.box, alice, { ...foreign, election: e.fx.id, credential: toHex(alice.publicKey) }), 400, 'BAD_BALLOT');
    // Carol (a voter of the other election) casts a well-formed ballot of this election: not her election.
    await refusal(castRaw(e.box, carol, createBallot(e.fx.manifest, e.fx.jointKey, answers(3), carol) as unknown as Json), 403, 'FORBIDDEN');
    // A mix server's peer key, and an unregistered key.
    await refusal(castRaw(e.box, e.fx.mixKeys[0], createBallot(e.fx.manifest, e.fx.jointKey, answers(3), e.fx.mixKeys[0]) as unknown as Json), 403);
    const stranger = generateSigningKey();
    await refusal(castRaw(e.box, stranger, createBallot(e.fx.manifest, e.fx.jointKey, answers(3), stranger) as unknown as Json), 403, 'UNKNOWN_SIGNER');
  });

  it('one submission carries at most one ballot', async () => {
    const [, , dave] = e.voters;
    const one = createBallot(e.fx.manifest, e.fx.jointKey, answers(4), dave);
    const two = createBallot(e.fx.manifest, e.fx.jointKey, answers(5), dave);
    const before = await ballotsCast(e.fx);
    // Two ballots in a list, or side by side in one object.
    await refusal(castRaw(e.box, dave, [one, two] as unknown as Json), 400, 'BAD_BALLOT');
    await refusal(castRaw(e.box, dave, { ...one, ballot2: two } as unknown as Json), 400, 'BAD_BALLOT');
    await refusal(castRaw(e.box, dave, { ...one, ciphertext: one.ciphertext + two.ciphertext, proof: one.proof + two.proof.slice(64) }), 400, 'BAD_BALLOT');
    // A genuine ciphertext of twice the width (two ballots' plaintexts) with a valid proof for it.
    const G = e.G;
    const pk = G.decode(fromHex(e.fx.jointKey));
    const plaintext = [...encodePlaintext(G, encodeBallot(e.fx.manifest.questions, answers(4)), e.width), ...encodePlaintext(G, encodeBallot(e.fx.manifest.questions, answers(5)), e.width)];
    const { ciphertext, randomness } = new ElGamal(G, pk).encrypt(plaintext);
    const proof = proveEncryption(G, { election: e.fx.id, step: 'ballot' }, dave.publicKey, pk, ciphertext, randomness);
    await refusal(castRaw(e.box, dave, { ...one, ciphertext: toHex(encodeCiphertext(G, ciphertext)), proof: toHex(encodeEncryptionProof(G, proof)) }), 400, 'BAD_BALLOT');
    // Two envelopes in one body, or a list of envelopes.
    const path = `${board.url}/peers/${e.box.authority}/cycles/${e.box.cycle}/inbox`;
    const env = (b: BallotData) => signEnvelope(dave, e.box.board, SEED_ENTRY_TYPES.messageInbox, ballotPayload(e.box, dave, b as unknown as Json));
    const post = (body: string) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(JSON.stringify(env(one)) + JSON.stringify(env(two)))).status).toBe(400);
    expect((await post(JSON.stringify([env(one), env(two)]))).status).toBe(400);
    expect(await ballotsCast(e.fx)).toBe(before);
    // Duplicate keys: JSON keeps the last "data"; the signature covers only that one, and it is the one ballot recorded.
    const signed = env(two);
    const body = JSON.stringify(signed).replace('"data":', `"data":${JSON.stringify(one)},"data":`);
    const r = await post(body);
    expect(r.status).toBe(201);
    const index = ((await r.json()) as { entry: { index: number } }).entry.index;
    const entry = await e.fx.client.request<{ payload: { data: BallotData } }>('GET', `/log/entries/${index}`);
    expect(entry.payload.data).toEqual(two);
    expect(await ballotsCast(e.fx)).toBe(before + 1);
  });
});

describe.each(['ristretto255', 'p256'] as const)('malformed elements and scalars in every field of a ballot (%s)', (group) => {
  it('are refused with 400 BAD_BALLOT, and the voter’s honest ballot is then accepted', async () => {
    const e = await open(`bad-encodings-${group}`, 1, group);
    const [voter] = e.voters;
    const ballot = createBallot(e.fx.manifest, e.fx.jointKey, answers(7), voter);
    const ct = fromHex(ballot.ciphertext);
    const proof = fromHex(ballot.proof);
    const L = e.G.elementLength;
    const SL = e.G.scalarLength;
    const elementFields = Array.from({ length: 2 * e.width }, (_, k) => ({ name: `${k % 2 ? 'b' : 'a'}[${k >> 1}]`, at: k * L }));
    const scalarFields = Array.from({ length: e.width + 1 }, (_, k) => ({ name: k === 0 ? 'challenge' : `response[${k - 1}]`, at: k * SL }));
    const tried: string[] = [];
    for (const field of elementFields)
      for (const bad of badElements(e.G)) {
        const r = await refusal(castRaw(e.box, voter, { ...ballot, ciphertext: toHex(spliceBytes(ct, field.at, L, bad.bytes)) }));
        expect([field.name, bad.name, r.status, r.code]).toEqual([field.name, bad.name, 400, 'BAD_BALLOT']);
        tried.push(`${field.name}: ${bad.name}`);
      }
    for (const field of scalarFields)
      for (const bad of badScalars(e.G)) {
        const r = await refusal(castRaw(e.box, voter, { ...ballot, proof: toHex(spliceBytes(proof, field.at, SL, bad.bytes)) }));
        expect([field.name, bad.name, r.status, r.code]).toEqual([field.name, bad.name, 400, 'BAD_BALLOT']);
      }
    // Hex that is not lower-case, odd, or not hex at all; a credential that is not a key.
    for (const [what, data] of [
      ['upper-case ciphertext', { ...ballot, ciphertext: ballot.ciphertext.toUpperCase() }],
      ['odd-length proof', { ...ballot, proof: ballot.proof + '0' }],
      ['non-hex ciphertext', { ...ballot, ciphertext: 'zz' + ballot.ciphertext.slice(2) }],
      ['short credential', { ...ballot, credential: ballot.credential.slice(2) }],
    ] as const) {
      const r = await refusal(castRaw(e.box, voter, data as unknown as Json));
      expect([what, r.status]).toEqual([what, 400]);
    }
    expect(tried.length).toBeGreaterThanOrEqual(2 * e.width * 7);
    expect(await ballotsCast(e.fx)).toBe(0);
    await castRaw(e.box, voter, ballot as unknown as Json);
    expect(await ballotsCast(e.fx)).toBe(1);
  });
});

describe('after the attacks', () => {
  it('the election counts exactly the honest ballots', async () => {
    const e = await open('counts-honest', 3);
    const honest = e.voters.map((v, i) => ({ key: v, answers: answers(10 + i) }));
    for (const h of honest) await castBallot(board.url, { id: e.fx.id, authority: e.box.authority, ballotCycle: e.box.cycle }, createBallot(e.fx.manifest, e.fx.jointKey, h.answers, h.key), h.key);
    // Every attack of this file once more, interleaved with the honest ballots above.
    const [alice, bob] = e.voters;
    const copied = (await e.fx.client.request<{ entries: { payload: { data: BallotData } }[] }>('GET', `/log/types/message.inbox/entries?election=${e.fx.id}`)).entries[0].payload.data;
    await refusal(castRaw(e.box, bob, { ...copied, credential: toHex(bob.publicKey) }), 400);
    await refusal(castRaw(e.box, alice, copied as unknown as Json, 'replay'), 409);
    await refusal(castRaw(e.box, alice, [copied, copied] as unknown as Json), 400);
    await e.fx.closeAndStartMixing();
    await mixInProcess(e.fx.client, e.fx.mixKeys[0], e.fx.manifest, e.fx.jointKey, await e.fx.authority.consensusId(), 1);
    await e.fx.decrypt([1, 2]);
    const outcome = await tallyElection(e.fx.authority);
    const expected = tallyBallots(e.fx.manifest.questions, honest.map((h) => encodeBallot(e.fx.manifest.questions, h.answers)));
    expect(outcome.tally).toEqual(expected);
    // Refused writes leave no trace: the transcript verifies.
    const audit = await auditElection(board.url, e.fx.id);
    expect(audit.failures).toEqual([]);
    expect(audit.code, audit.stderr).toBe(0);
  });
});
