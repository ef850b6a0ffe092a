/**
 * Known attack: commitment generators not derived by the documented hash (Swiss Post 2019).
 * A mix server that chooses h_0..h_N with known logarithms forges a proof for a list that is not
 * a shuffle. The forgery is genuine: it passes the textbook verifier when that verifier takes the
 * prover's generators. ostraka's verifiers derive the generators from the statement (docs/crypto.md
 * §9.2) and reject it, at the library and at the election level (the next mix server).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  concatBytes,
  decodeCiphertext,
  decrypt,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  equalBytes,
  fromHex,
  generateKeyPair,
  GROUP_NAMES,
  groupByName,
  type Group,
} from '@ostraka/crypto';
import { shuffleAndProve, verifyShuffle, type ShuffleStatement } from '@ostraka/shuffle';
import { writeKeyFile, runOstraka } from '../../apps/mixer/test/support/mix-process.js';
import { tempDir } from '../../apps/board/test/support/fixtures.js';
import { documentedGenerators } from './support/documented-generators.js';
import { postRound } from './support/mix-round.js';
import { servedBoard, votedElection, type ServedBoard } from './support/served-election.js';
import { forgeWithTrapdoor, verifyWithGenerators } from './support/trapdoor-shuffle.js';
import { auditElection } from './support/verifier.js';

function election(name: (typeof GROUP_NAMES)[number], n: number, width: number, seed: string) {
  const G = groupByName(name) as Group<unknown>;
  const rng = deterministicRandom(`trapdoor/${name}/${seed}`);
  const keys = generateKeyPair(G, rng);
  const elgamal = new ElGamal(G, keys.public);
  const messages = Array.from({ length: n }, () => Array.from({ length: width }, () => G.multiplyPublic(G.generator, G.scalars.randomNonZero(rng))));
  const inputs = concatBytes(...messages.map((m) => encodeCiphertext(G, elgamal.encrypt(m, rng).ciphertext)));
  const statement: ShuffleStatement = { group: name, publicKey: G.encode(keys.public), width, election: `trapdoor-${seed}`, round: 1 };
  return { G, rng, keys, messages, inputs, statement };
}

describe('Swiss Post 2019: a prover who knows logarithms between the generators', () => {
  it.each(GROUP_NAMES)('the generator-taking verifier used below is faithful to §9.5 on honest proofs (%s)', (name) => {
    const { inputs, statement } = election(name, 4, 2, 'honest');
    const { outputs, proof } = shuffleAndProve(statement, inputs);
    const { seed, generators } = documentedGenerators(statement, 4);
    expect(verifyWithGenerators(statement, inputs, outputs, proof, seed, generators)).toBe(true);
    const flipped = proof.slice();
    flipped[proof.length - 1] ^= 1;
    expect(verifyWithGenerators(statement, inputs, outputs, flipped, seed, generators)).toBe(false);
  });

  it.each(GROUP_NAMES)('forges a proof for a list that is not a shuffle; only a verifier that derives its own generators rejects it (%s)', (name) => {
    const { G, rng, keys, messages, inputs, statement } = election(name, 5, 2, 'forged');
    const forged = forgeWithTrapdoor(statement, inputs, rng);

    // Not a shuffle: output 1 decrypts to m_1·m_2, which is no input's plaintext.
    const C = 2 * statement.width * G.elementLength;
    const first = decrypt(G, keys.secret, decodeCiphertext(G, forged.outputs.subarray(0, C), statement.width)).map((m) => G.encode(m));
    const cast = messages.map((m) => concatBytes(...m.map((x) => G.encode(x))));
    expect(cast.some((m) => equalBytes(m, concatBytes(...first)))).toBe(false);
    expect(equalBytes(concatBytes(...first), concatBytes(...messages[0].map((m, k) => G.encode(G.add(m, messages[1][k])))))).toBe(true);

    // The forgery is a valid proof under the prover's generators: the attack is real.
    expect(verifyWithGenerators(statement, inputs, forged.outputs, forged.proof, forged.seed, forged.generators)).toBe(true);
    // ostraka derives the generators from the statement: the same proof fails.
    const documented = documentedGenerators(statement, 5);
    expect(verifyWithGenerators(statement, inputs, forged.outputs, forged.proof, documented.seed, documented.generators)).toBe(false);
    expect(verifyShuffle(statement, inputs, forged.outputs, forged.proof).ok).toBe(false);
    // Nor does the proof verify with the honest generators but the prover's seed in the transcript, or vice versa.
    expect(verifyWithGenerators(statement, inputs, forged.outputs, forged.proof, forged.seed, documented.generators)).toBe(false);
    expect(verifyWithGenerators(statement, inputs, forged.outputs, forged.proof, documented.seed, forged.generators)).toBe(false);
  });
});

describe('Swiss Post 2019 at the election level', () => {
  let board: ServedBoard;
  const tmp = tempDir('ostraka-trapdoor-');
  beforeAll(async () => {
    board = await servedBoard();
  });
  afterAll(async () => {
    await board?.close();
    tmp.remove();
  });

  it('a corrupt mix server posts a trapdoor-forged round: the next mix server refuses it by name and no verifier accepts it', async () => {
    const { fx } = await votedElection(board, { id: 'trapdoor', voters: 4, mixServers: 2 });
    const input = await fx.closeAndStartMixing();
    const consensusId = await fx.authority.consensusId();
    const statement: ShuffleStatement = { group: fx.manifest.group, publicKey: fromHex(fx.jointKey), width: input.width, election: fx.id, round: 1 };
    const forged = forgeWithTrapdoor(statement, fromHex(input.ciphertexts), deterministicRandom('trapdoor-election'));
    expect(verifyWithGenerators(statement, fromHex(input.ciphertexts), forged.outputs, forged.proof, forged.seed, forged.generators)).toBe(true);

    // The board checks order and sizes only (docs/transcript.md §10.8): the round goes on the log.
    await postRound(fx.client, fx.mixKeys[0], { election: fx.id, consensusId, round: 1, inputHash: input.hash, outputs: forged.outputs, proof: forged.proof });
    expect((await fx.authority.status()).rounds).toHaveLength(1);

    // Mix server 2 checks round 1 with the generators it derives, and refuses to build on it.
    const key = writeKeyFile(tmp.dir, 'mix-2.key', fx.mixKeys[1]);
    const run = await runOstraka(['mix', 'run', '--board', board.url, '--election', fx.id, '--key', key, '--workers', '1', '--state-dir', join(tmp.dir, 'state-2'), '--poll-ms', '50']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/round 1/);
    expect(run.stderr).toMatch(/proof/);
    expect((await fx.authority.status()).rounds).toHaveLength(1);

    // What any auditor recomputes from the board: the round's proof is invalid.
    const output = await fx.client.request<{ ciphertexts: string }>('GET', `/elections/${fx.id}/rounds/1/output`);
    const { proof } = await fx.client.request<{ proof: string }>('GET', `/elections/${fx.id}/rounds/1/proof`);
    expect(verifyShuffle(statement, fromHex(input.ciphertexts), fromHex(output.ciphertexts), fromHex(proof)).ok).toBe(false);
    // And the standalone verifier, from the exported transcript alone.
    const audit = await auditElection(board.url, fx.id);
    expect(audit.code, audit.stderr).toBe(1);
    expect(audit.failures.join('\n')).toMatch(/shuffle|mix/i);
  });
});
