/**
 * The verifier accepts whatever the board accepts: an election run on a served board with the
 * unusual but legal entries the board lets through (found by probing it): a second election whose
 * negotiation lists the trustees in another order, voters writing to other cycles and opening
 * negotiations, a ballot encrypting the identity element (an invalid ballot that extracts as the
 * empty plaintext), outbox messages that look like mix data but are not, and a complete outbox
 * document posted again (refused by the board, so absent). The verifier must find nothing wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { ElGamal, encodeCiphertext, encodeEncryptionProof, fromHex, generateSigningKey, groupByName, proveEncryption, toHex } from '@ostraka/crypto';
import { canonicalJson } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { directorySink, ElectionAuthority, exportTranscript, httpSource, registerPeer, tallyElection } from '@ostraka/election';
import { ElectionFixture, fileText, InProcessTrustee, mixInProcess } from '@ostraka/election/testing';
import { readTranscriptDirectory, verifyTranscript } from 'ostraka-verify';
import { servedBoard } from '../../board/test/support/fixtures.js';
import { answers } from './support/election.js';

const refused = (p: Promise<unknown>) => p.then(() => false, () => true);

it('a transcript with every unusual entry the board accepts verifies', async () => {
  const board = await servedBoard();
  const dir = join(mkdtempSync(join(tmpdir(), 'ostraka-verify-unusual-')), 'transcript');
  try {
    const mix = [generateSigningKey(), generateSigningKey()];
    const fx = new ElectionFixture({ boardUrl: board.url, boardAuthority: board.authority, mixServers: mix, trustees: { threshold: 2, count: 3 } });
    await fx.prepare(3);
    const boardId = await fx.client.boardId();
    const ballotCycle = (await fx.authority.status()).ballot_cycle as number;
    const [code0, code1, code2] = [...fx.credentials.keys()];
    const voter0 = fx.credentials.get(code0)!;

    // A second election whose negotiation lists the trustees in reverse order.
    const m2 = { ...fx.manifest, id: 'second' };
    const trustees2 = [1, 2, 3].map((j) => new InProcessTrustee(m2, j));
    for (const t of trustees2) await registerPeer(fx.client, board.authority, t.registration(boardId));
    const auth2 = new ElectionAuthority(fx.client, fx.authorityKey, 'second');
    await auth2.postDraft(m2);
    for (const t of trustees2) await auth2.relayDocument('trustee.identity', t.index, fileText(t.identity()));
    const { negotiationId } = await auth2.negotiate(m2, trustees2.map((t) => t.peerId).reverse());
    let consensus = '';
    let seq = 1;
    for (const t of [...trustees2].reverse()) consensus = ((await auth2.relayContribution(negotiationId, t.approve(boardId, negotiationId, canonicalJson(m2 as never), seq++))) as { id: string }).id ?? consensus;
    await auth2.authorise(negotiationId, consensus);

    // Voters writing elsewhere; non-ballots refused in the ballot cycle.
    await fx.client.openCycle(mix[0], 1);
    await fx.client.sendToInbox(voter0, keyId(mix[0].publicKey), 1, { hello: 1 });
    await fx.client.createNegotiation(voter0, [fx.authority.peerId], 'a voter\'s negotiation');
    expect(await refused(fx.client.sendToInbox(mix[0], fx.authority.peerId, ballotCycle, { hello: 1 }))).toBe(true);

    // A ballot of the identity element, with a valid proof.
    const group = groupByName(fx.manifest.group);
    const pk = group.decode(fromHex(fx.jointKey));
    const r = [11n, 12n, 13n];
    const ct = new ElGamal(group, pk).encryptWith([group.identity, group.identity, group.identity], r);
    const voter1 = fx.credentials.get(code1)!;
    const proof = proveEncryption(group, { election: fx.id, step: 'ballot' }, voter1.publicKey, pk, ct, r);
    await fx.client.sendToInbox(voter1, fx.authority.peerId, ballotCycle, { election: fx.id, credential: toHex(voter1.publicKey), ciphertext: toHex(encodeCiphertext(group, ct)), proof: toHex(encodeEncryptionProof(group, proof)) });
    await fx.vote(code0, answers(0));
    await fx.vote(code2, answers(2));

    await fx.authority.closeVoting();
    const input = await fx.authority.startMixing();
    const consensusId = await fx.authority.consensusId();
    // Outbox messages of a mix server that are not mix rounds, and a complete document posted again.
    await fx.client.updateCycle(mix[0], 1, 'close');
    await fx.client.postToOutbox(mix[0], 1, 'someone', { a: 1 }, { chunk: { doc: 'x', index: 0, count: 1 } } as never);
    expect(await refused(fx.client.postToOutbox(mix[0], 1, 'someone', { a: 2 }, { chunk: { doc: 'x', index: 0, count: 1 } } as never))).toBe(true);
    await fx.client.postToOutbox(mix[0], 1, 'trustees', { election: fx.id, x: 1 });
    await fx.client.postToOutbox(mix[0], 1, 'trustees', { election: 'nonexistent', consensus_id: consensusId, round: 1, part: 'output', input_hash: input.hash, bytes: 'ab' });
    await fx.client.postToOutbox(mix[0], 1, 'trustees', { election: fx.id, consensus_id: consensusId, round: 1, part: 'output', input_hash: input.hash, bytes: 'abc' }, { chunk: { doc: 'round-1-output', index: 0, count: 2 } } as never);
    await fx.client.postToOutbox(mix[0], 1, 'trustees', 'hello');

    await mixInProcess(fx.client, mix[0], fx.manifest, fx.jointKey, consensusId, 1);
    await mixInProcess(fx.client, mix[1], fx.manifest, fx.jointKey, consensusId, 2);
    await fx.decrypt();
    await tallyElection(fx.authority);
    const sink = directorySink(dir);
    await exportTranscript(httpSource(fx.client), fx.id, sink);
    sink.commit();
  } finally {
    await board.close();
  }
  const report = await verifyTranscript(readTranscriptDirectory(dir), { workers: 2 });
  rmSync(dirname(dir), { recursive: true, force: true });
  expect(report.failures).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.notes.some((n) => n.includes('second'))).toBe(true);
  expect(report.summary.ballot_box).toBe(3);
}, 180_000);
