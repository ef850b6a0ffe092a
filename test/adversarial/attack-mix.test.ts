/**
 * Known attacks by a corrupt mix server (docs/election.md §6, docs/crypto.md §9): a shuffle
 * output with one ciphertext swapped for a re-encryption of another (one vote replaced by a copy
 * of another), a round whose input is not the previous round's output, rounds out of turn or
 * twice, outputs of the wrong size, and malformed or identity elements anywhere in a round. The
 * board refuses what it can judge from the log (order, input, sizes); the shuffle proofs are
 * judged by the next mix server and by every verifier, who derive everything themselves.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  concatBytes,
  decodeCiphertext,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  fromHex,
  generateKeyPair,
  GROUP_NAMES,
  groupByName,
  type Group,
} from '@ostraka/crypto';
import { type CiphertextListFile } from '@ostraka/protocol';
import { proveShuffle, proofLayout, shuffle, shuffleAndProve, verifyShuffle, type ShuffleStatement } from '@ostraka/shuffle';
import { mixInProcess, type ElectionFixture } from '@ostraka/election/testing';
import { runOstraka, writeKeyFile } from '../../apps/mixer/test/support/mix-process.js';
import { tempDir } from '../../apps/board/test/support/fixtures.js';
import { badElements, spliceBytes } from './support/bad-encodings.js';
import { postRound } from './support/mix-round.js';
import { refusal } from './support/refusal.js';
import { servedBoard, votedElection, type ServedBoard } from './support/served-election.js';
import { auditElection } from './support/verifier.js';

type E = unknown;

describe.each(GROUP_NAMES)('a shuffle with a malformed element anywhere is invalid, never an exception (%s)', (name) => {
  const G = groupByName(name) as Group<E>;
  const rng = deterministicRandom(`bad-shuffle/${name}`);
  const keys = generateKeyPair(G, rng);
  const elgamal = new ElGamal(G, keys.public);
  const n = 3;
  const width = 2;
  const inputs = concatBytes(...Array.from({ length: n }, () => encodeCiphertext(G, elgamal.encrypt([G.generator, G.generator], rng).ciphertext)));
  const statement: ShuffleStatement = { group: name, publicKey: G.encode(keys.public), width, election: 'bad-shuffle', round: 1 };
  const { outputs, proof } = shuffleAndProve(statement, inputs, { rng });
  const layout = proofLayout(G, width, n);
  const L = G.elementLength;

  it('in the inputs, the outputs, the permutation commitments and the commitment chain', () => {
    expect(verifyShuffle(statement, inputs, outputs, proof).ok).toBe(true);
    const places: [string, 'inputs' | 'outputs' | 'proof', number][] = [
      ['first input a', 'inputs', 0],
      ['last input b', 'inputs', inputs.length - L],
      ['first output b', 'outputs', L],
      ['last output a', 'outputs', outputs.length - 2 * L],
      ['permutation commitment c_1', 'proof', layout.commitments],
      ['commitment chain ĉ_N', 'proof', layout.chain + (n - 1) * L],
    ];
    for (const [where, part, at] of places)
      for (const bad of badElements(G).filter((b) => b.bytes.length === L)) {
        const lists = { inputs, outputs, proof };
        lists[part] = spliceBytes(lists[part], at, L, bad.bytes);
        const verdict = verifyShuffle(statement, lists.inputs, lists.outputs, lists.proof);
        expect([where, bad.name, verdict.ok]).toEqual([where, bad.name, false]);
      }
  });
});

describe('a corrupt mix server, at the election level', () => {
  let board: ServedBoard;
  const tmp = tempDir('ostraka-attack-mix-');
  beforeAll(async () => {
    board = await servedBoard();
  });
  afterAll(async () => {
    await board?.close();
    tmp.remove();
  });

  const statementOf = (fx: ElectionFixture, width: number, round: number): ShuffleStatement => ({
    group: fx.manifest.group,
    publicKey: fromHex(fx.jointKey),
    width,
    election: fx.id,
    round,
  });
  const roundOnBoard = async (fx: ElectionFixture, round: number) => ({
    input: await fx.client.request<CiphertextListFile>('GET', `/elections/${fx.id}/rounds/${round}/input`),
    output: await fx.client.request<CiphertextListFile>('GET', `/elections/${fx.id}/rounds/${round}/output`),
    proof: (await fx.client.request<{ proof: string }>('GET', `/elections/${fx.id}/rounds/${round}/proof`)).proof,
  });
  const mixServerRun = (fx: ElectionFixture, k: number) =>
    runOstraka([
      'mix', 'run', '--board', board.url, '--election', fx.id, '--key', writeKeyFile(tmp.dir, `${fx.id}-${k}.key`, fx.mixKeys[k - 1]),
      '--workers', '1', '--state-dir', join(tmp.dir, `${fx.id}-state-${k}`), '--poll-ms', '50',
    ]);

  it('one output replaced by a re-encryption of another output: refused by the next mix server, invalid for any verifier', async () => {
    const { fx } = await votedElection(board, { id: 'swap', voters: 5, mixServers: 2 });
    const input = await fx.closeAndStartMixing();
    const statement = statementOf(fx, input.width, 1);
    const G = groupByName(fx.manifest.group) as Group<E>;
    const C = 2 * input.width * G.elementLength;
    const { outputs, secret } = shuffle(statement, fromHex(input.ciphertexts));
    // Output 0 becomes a fresh re-encryption of output 1: one vote is dropped, another counted twice.
    const elgamal = new ElGamal(G, G.decode(fromHex(fx.jointKey)));
    const copy = elgamal.reEncrypt(decodeCiphertext(G, outputs.subarray(C, 2 * C), input.width)).ciphertext;
    const tampered = spliceBytes(outputs, 0, C, encodeCiphertext(G, copy));
    // The mix server proves with its real secret, or posts the honest proof: neither verifies.
    const proof = proveShuffle(statement, fromHex(input.ciphertexts), tampered, secret);
    expect(verifyShuffle(statement, fromHex(input.ciphertexts), tampered, proof).ok).toBe(false);
    await postRound(fx.client, fx.mixKeys[0], { election: fx.id, consensusId: await fx.authority.consensusId(), round: 1, inputHash: input.hash, outputs: tampered, proof });

    const posted = await roundOnBoard(fx, 1);
    expect(verifyShuffle(statement, fromHex(posted.input.ciphertexts), fromHex(posted.output.ciphertexts), fromHex(posted.proof)).ok).toBe(false);
    const run = await mixServerRun(fx, 2);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/round 1/);
    expect((await fx.authority.status()).rounds).toHaveLength(1);
    const audit = await auditElection(board.url, fx.id);
    expect(audit.code, audit.stderr).toBe(1);
    expect(audit.failures.join('\n')).toMatch(/shuffle|mix/i);
  });

  it('a round whose input is not the previous output, rounds out of turn or twice', async () => {
    const { fx } = await votedElection(board, { id: 'fork', voters: 4, mixServers: 2 });
    const ballotBox = await fx.closeAndStartMixing();
    const consensusId = await fx.authority.consensusId();
    // Mix server 2 cannot go first, even with a valid shuffle of the ballot box.
    const early = shuffleAndProve(statementOf(fx, ballotBox.width, 1), fromHex(ballotBox.ciphertexts));
    await refusal(postRound(fx.client, fx.mixKeys[1], { election: fx.id, consensusId, round: 1, inputHash: ballotBox.hash, ...early }), 403, 'FORBIDDEN');
    // Mix server 1 posts round 2 instead of round 1.
    await refusal(postRound(fx.client, fx.mixKeys[0], { election: fx.id, consensusId, round: 2, inputHash: ballotBox.hash, ...early }), 409, 'WRONG_STATE');
    // The refused attempts left cycles behind but no round: an honest round 1 still goes through.
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, consensusId, 1);
    const round1 = await roundOnBoard(fx, 1);
    // Round 1 again, by its own mix server.
    await refusal(postRound(fx.client, fx.mixKeys[0], { election: fx.id, consensusId, round: 1, inputHash: ballotBox.hash, ...early }), 409, 'WRONG_STATE');

    // Round 2 naming the ballot box as its input (skipping round 1): refused by the board.
    const forked = shuffleAndProve(statementOf(fx, ballotBox.width, 2), fromHex(ballotBox.ciphertexts));
    await refusal(postRound(fx.client, fx.mixKeys[1], { election: fx.id, consensusId, round: 2, inputHash: ballotBox.hash, ...forked }), 409, 'WRONG_STATE');
    // Naming round 1's output but shuffling the ballot box: the board records it (it does not check
    // proofs); against the input the log fixes, the proof is invalid.
    await postRound(fx.client, fx.mixKeys[1], { election: fx.id, consensusId, round: 2, inputHash: round1.output.hash, ...forked });
    const round2 = await roundOnBoard(fx, 2);
    expect(round2.input.hash).toBe(round1.output.hash);
    expect(verifyShuffle(statementOf(fx, ballotBox.width, 2), fromHex(round2.input.ciphertexts), fromHex(round2.output.ciphertexts), fromHex(round2.proof)).ok).toBe(false);
    expect(verifyShuffle(statementOf(fx, ballotBox.width, 2), fromHex(ballotBox.ciphertexts), fromHex(round2.output.ciphertexts), fromHex(round2.proof)).ok).toBe(true);
    // The verifier takes round 2's input from the log (round 1's output), never from the proof's author.
    const audit = await auditElection(board.url, fx.id);
    expect(audit.code, audit.stderr).toBe(1);
    expect(audit.failures.join('\n')).toMatch(/shuffle|mix/i);
  });

  it('a round that drops a ballot is refused at its output, and leaves no trace: the honest round then goes through', async () => {
    const { fx } = await votedElection(board, { id: 'short-round', voters: 3, mixServers: 1 });
    const ballotBox = await fx.closeAndStartMixing();
    const consensusId = await fx.authority.consensusId();
    const G = groupByName(fx.manifest.group) as Group<E>;
    const C = 2 * ballotBox.width * G.elementLength;
    const short = shuffleAndProve(statementOf(fx, ballotBox.width, 1), fromHex(ballotBox.ciphertexts).subarray(C));
    await refusal(postRound(fx.client, fx.mixKeys[0], { election: fx.id, consensusId, round: 1, inputHash: ballotBox.hash, ...short }), 400, 'BAD_MIX');
    expect((await fx.authority.status()).rounds).toEqual([]);
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, consensusId, 1);
    expect((await fx.authority.status()).rounds).toHaveLength(1);
  });

  it('an identity element in a mix output: invalid proof, refused by the authority before decryption, and by the trustees’ decryption if it skipped the check', async () => {
    const { fx } = await votedElection(board, { id: 'identity-output', voters: 3, mixServers: 1 });
    const input = await fx.closeAndStartMixing();
    const G = groupByName(fx.manifest.group) as Group<E>;
    const statement = statementOf(fx, input.width, 1);
    const { outputs, proof } = shuffleAndProve(statement, fromHex(input.ciphertexts));
    const tampered = spliceBytes(outputs, G.elementLength, G.elementLength, new Uint8Array(G.elementLength));
    await postRound(fx.client, fx.mixKeys[0], { election: fx.id, consensusId: await fx.authority.consensusId(), round: 1, inputHash: input.hash, outputs: tampered, proof });
    const posted = await roundOnBoard(fx, 1);
    expect(verifyShuffle(statement, fromHex(posted.input.ciphertexts), fromHex(posted.output.ciphertexts), fromHex(posted.proof)).ok).toBe(false);
    // The authority checks the rounds before decryption: refused, naming the round; nothing posted.
    await expect(fx.decrypt([1, 2])).rejects.toThrow(/^mix round 1's shuffle proof does not verify/);
    expect((await fx.authority.status()).state).toBe('mixing');
    // An authority that skips the check: decrypting the list fails loudly (a strict decoder), never yields a plaintext.
    await expect(fx.decrypt([1, 2], [], { checkRounds: false })).rejects.toThrow(/identity/i);
    const audit = await auditElection(board.url, fx.id);
    expect(audit.code, audit.stderr).toBe(1);
  });
});
