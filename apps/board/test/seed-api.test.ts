import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, toHex } from '@ostraka/crypto';
import { consensusId, keyId, signEnvelope, signKeyPossession, signNegotiationText, verifyTreeHead } from '@ostraka/protocol/log';
import { BoardHttpError } from '@ostraka/board/client';
import { peerPrescription } from '@ostraka/board';
import { newPeer, peerFields, servedBoard, type ServedBoard } from './support/fixtures.js';

let t: ServedBoard;
beforeAll(async () => {
  t = await servedBoard();
});
afterAll(async () => t.close());

const refused = async (p: Promise<unknown>, status: number, code?: string) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BoardHttpError);
  expect((e as BoardHttpError).status).toBe(status);
  if (code) expect((e as BoardHttpError).code).toBe(code);
};

describe('board identity', () => {
  it('describes itself and starts with a genesis entry under a signed head', async () => {
    const info = await t.client.info();
    expect(info.public_key).toBe(toHex(t.boardKey.publicKey));
    expect(info.authority_key_id).toBe(keyId(t.authority.publicKey));
    const first = await t.client.entries(0, 1);
    expect(first.entries[0]).toMatchObject({ index: 0, type: 'board.genesis', signer: info.key_id });
    expect(first.entries[0].payload).toMatchObject({ board_id: info.board_id, authority_key: toHex(t.authority.publicKey) });
    const head = await t.client.head();
    expect(verifyTreeHead(t.boardKey.publicKey, head)).toBe(true);
  });
});

describe('peers (seed §4.3.2)', () => {
  it('registers a peer signed by the authority, with proof of key possession', async () => {
    const key = generateSigningKey();
    const receipt = await t.client.createPeer(t.authority, key, { name: 'mix-1', peer_type: 'GATEWAY', size_min: 3, size_max: 10 });
    expect(receipt.id).toBe(keyId(key.publicKey));
    expect(await t.client.verifyHead(receipt.tree_head)).toBe(true);
    expect(await t.client.checkInclusion(receipt.entry.leaf_hash, receipt.entry.index, receipt.tree_head)).toBe(true);
    const peer = await t.client.request<any>('GET', `/peers/${receipt.id}`);
    expect(peer).toMatchObject({ status: 'READY', owners: [], name: 'mix-1', peer_type: 'GATEWAY', size_min: 3, size_max: 10, key_type: 1, consensus_id: null, key_id: receipt.id, key_data: toHex(key.publicKey) });
    const list = await t.client.request<any[]>('GET', '/peers');
    expect(list.map((p) => p.peer_id)).toContain(receipt.id);
    await refused(t.client.createPeer(t.authority, key, peerFields()), 409, 'CONFLICT');
  });

  it('refuses registrations by anyone but the authority, and bad key proofs', async () => {
    const peer = await newPeer(t);
    await refused(t.client.createPeer(peer.key, generateSigningKey(), peerFields()), 403, 'FORBIDDEN');
    await refused(t.client.createPeer(generateSigningKey(), generateSigningKey(), peerFields()), 403, 'UNKNOWN_SIGNER');
    const victim = generateSigningKey();
    const board = await t.client.boardId();
    const payload = {
      operation: 'create', resource: 'peer', key_data: toHex(victim.publicKey), key_id: keyId(victim.publicKey), key_type: 1, ...peerFields(),
      // possession proof by another key: registering a key one does not hold is refused
      key_proof: signKeyPossession(generateSigningKey(), board, keyId(victim.publicKey)),
    };
    await refused(t.client.write(t.authority, '/peers', 'peer.create', payload), 400, 'BAD_KEY_PROOF');
    await refused(t.client.write(t.authority, '/peers', 'peer.create', { ...payload, key_id: '00'.repeat(16) }), 400, 'INVALID_REQUEST');
  });

  it('refuses bad signatures, signatures for another type or board, and replays', async () => {
    const key = generateSigningKey();
    const board = await t.client.boardId();
    const payload = { operation: 'create', resource: 'peer', key_data: toHex(key.publicKey), key_id: keyId(key.publicKey), key_type: 1, ...peerFields(), key_proof: signKeyPossession(key, board, keyId(key.publicKey)) };
    const good = signEnvelope(t.authority, board, 'peer.create', payload);
    const flipped = { ...good, signature: (good.signature[0] === 'a' ? 'b' : 'a') + good.signature.slice(1) };
    await refused(t.client.request('POST', '/peers', flipped), 401, 'BAD_SIGNATURE');
    await refused(t.client.request('POST', '/peers', signEnvelope(t.authority, 'ff'.repeat(16), 'peer.create', payload)), 401, 'BAD_SIGNATURE');
    await refused(t.client.request('POST', '/peers', signEnvelope(t.authority, board, 'cycle.create', payload)), 401, 'BAD_SIGNATURE');
    await t.client.request('POST', '/peers', good);
    await refused(t.client.request('POST', '/peers', good), 409, 'REPLAY');
  });
});

describe('cycles and messages (seed §4.3.3–4.3.4)', () => {
  it('runs a cycle OPEN → CLOSED → PROCESSED with inbox, outbox and a chunked document', async () => {
    const mix = await newPeer(t, { name: 'mix', peer_type: 'MIXNET', size_min: 2, size_max: 3 });
    const voter = await newPeer(t, peerFields('sender'));
    expect((await t.client.openCycle(mix.key, 1)).id).toBe(1);
    await refused(t.client.openCycle(mix.key, 1), 409, 'REPLAY');
    await refused(t.client.openCycle(mix.key, 3), 409, 'CONFLICT');
    await refused(t.client.write(voter.key, `/peers/${mix.id}/cycles`, 'cycle.create', { operation: 'create', resource: 'cycle', peer_id: mix.id, cycle_id: 2 }), 403, 'FORBIDDEN');

    const m1 = await t.client.sendToInbox(voter.key, mix.id, 1, 'ciphertext 1');
    await t.client.sendToInbox(voter.key, mix.id, 1, { c: ['ab', 'cd'] });
    await refused(t.client.sendToInbox(voter.key, mix.id, 1, 'ciphertext 1'), 409, 'REPLAY');
    await t.client.sendToInbox(voter.key, mix.id, 1, 'ciphertext 1', 'second copy');
    await refused(t.client.sendToInbox(voter.key, mix.id, 1, 'one too many'), 409, 'CYCLE_FULL');
    expect(m1.id).toBe(m1.entry.index);
    const cycle = await t.client.request<any>('GET', `/peers/${mix.id}/cycles/1`);
    expect(cycle).toMatchObject({ peer_id: mix.id, id: 1, status: 'OPEN', size_current: 3 });
    const inbox = await t.client.request<any[]>('GET', `/peers/${mix.id}/cycles/1/inbox`);
    expect(inbox.map((m) => m.data)).toEqual(['ciphertext 1', { c: ['ab', 'cd'] }, 'ciphertext 1']);
    expect(inbox[0]).toMatchObject({ box: 0, cycle_id: 1, id: m1.entry.index, sender: voter.id, recipient: mix.id });
    const page = await t.client.request<any[]>('GET', `/peers/${mix.id}/cycles/1/inbox?after=${inbox[0].id}&limit=1`);
    expect(page.map((m) => m.id)).toEqual([inbox[1].id]);

    await refused(t.client.postToOutbox(mix.key, 1, voter.id, 'too early'), 409, 'WRONG_STATE');
    await refused(t.client.updateCycle(mix.key, 1, 'process'), 409, 'WRONG_STATE');
    const closeByOther = { operation: 'action', action: 'close', resource: 'cycle', peer_id: mix.id, cycle_id: 1 };
    await refused(t.client.write(voter.key, `/peers/${mix.id}/cycles/1`, 'cycle.update', closeByOther), 403, 'FORBIDDEN');
    await t.client.updateCycle(mix.key, 1, 'close');
    await refused(t.client.sendToInbox(voter.key, mix.id, 1, 'late ballot'), 409, 'WRONG_STATE');

    await t.client.postToOutbox(mix.key, 1, 'next', 'a', { chunk: { doc: 'shuffle', index: 0, count: 3 } });
    await refused(t.client.postToOutbox(mix.key, 1, 'next', 'c', { chunk: { doc: 'shuffle', index: 2, count: 3 } }), 409, 'CHUNK_ORDER');
    await refused(t.client.postToOutbox(mix.key, 1, 'next', 'b', { chunk: { doc: 'shuffle', index: 1, count: 4 } }), 409, 'CHUNK_ORDER');
    await t.client.postToOutbox(mix.key, 1, 'next', 'b', { chunk: { doc: 'shuffle', index: 1, count: 3 } });
    await refused(t.client.updateCycle(mix.key, 1, 'process'), 409, 'WRONG_STATE');
    await t.client.postToOutbox(mix.key, 1, 'next', 'c', { chunk: { doc: 'shuffle', index: 2, count: 3 } });
    await refused(t.client.postToOutbox(mix.key, 1, 'next', 'd', { chunk: { doc: 'shuffle', index: 3, count: 3 } }), 400, 'INVALID_REQUEST');
    await refused(t.client.write(voter.key, `/peers/${mix.id}/cycles/1/outbox`, 'message.outbox', { operation: 'create', resource: 'message', sender: voter.id, recipient: 'x', peer_id: mix.id, cycle_id: 1, box: 1, data: 'forged' }), 403, 'FORBIDDEN');
    await t.client.updateCycle(mix.key, 1, 'process');
    await refused(t.client.postToOutbox(mix.key, 1, 'next', 'after'), 409, 'WRONG_STATE');
    const outbox = await t.client.request<any[]>('GET', `/peers/${mix.id}/cycles/1/outbox`);
    expect(outbox.map((m) => m.data)).toEqual(['a', 'b', 'c']);
    expect(outbox[2]).toMatchObject({ box: 1, sender: mix.id, recipient: 'next', chunk: { doc: 'shuffle', index: 2, count: 3 } });
    expect(await t.client.request<any[]>('GET', `/peers/${mix.id}/cycles`)).toMatchObject([{ id: 1, status: 'PROCESSED', size_current: 3, outbox_size: 3 }]);
  });

  it('enforces size_min when closing', async () => {
    const mix = await newPeer(t, { name: 'strict', peer_type: 'MIXNET', size_min: 1, size_max: 5 });
    await t.client.openCycle(mix.key, 1);
    await refused(t.client.updateCycle(mix.key, 1, 'close'), 409, 'WRONG_STATE');
  });

  it('checks that the path and the signed payload agree', async () => {
    const a = await newPeer(t);
    const b = await newPeer(t);
    await t.client.openCycle(a.key, 1);
    const env = signEnvelope(b.key, await t.client.boardId(), 'message.inbox', { operation: 'create', resource: 'message', sender: b.id, recipient: a.id, peer_id: a.id, cycle_id: 1, box: 0, data: 'x' });
    await refused(t.client.request('POST', `/peers/${b.id}/cycles/1/inbox`, env), 400);
    await refused(t.client.request('POST', `/peers/${a.id}/cycles/2/inbox`, env), 400);
    await refused(t.client.request('POST', `/peers/${a.id}/cycles/1/outbox`, env), 400);
    expect((await t.client.request<any>('POST', `/peers/${a.id}/cycles/1/inbox`, env)).entry.index).toBeGreaterThan(0);
    await refused(t.client.request('GET', `/peers/${a.id}/cycles/9`), 404, 'NOT_FOUND');
    await refused(t.client.request('GET', `/peers/${'0'.repeat(32)}`), 404, 'NOT_FOUND');
    await refused(t.client.sendToInbox(b.key, a.id, 7, 'no such cycle'), 404, 'NOT_FOUND');
  });
});

describe('negotiations and consensus (seed §4.3.5)', () => {
  it('freezes when every participant signed the same text; the consensus id commits to text and signatures', async () => {
    const [p1, p2, p3] = [await newPeer(t), await newPeer(t), await newPeer(t)];
    const outsider = await newPeer(t);
    const created = await t.client.createNegotiation(t.authority, [p1.id, p2.id, p3.id], 'draft 0');
    const id = created.id as string;
    expect(id).toBe(created.entry.leaf_hash);
    expect(await t.client.request<any>('GET', `/negotiations/${id}`)).toMatchObject({ id, status: 'OPEN', hash: null, contributions: [] });

    await t.client.contribute(p1.key, id, 'manifest A', 0);
    await refused(t.client.contribute(p2.key, id, 'manifest A', 0), 409, 'STALE');
    await t.client.contribute(p2.key, id, 'manifest B', 1);
    await refused(t.client.contribute(outsider.key, id, 'manifest B', 2), 403, 'FORBIDDEN');
    const board = await t.client.boardId();
    const badText = { operation: 'action', action: 'contribute', resource: 'negotiation', negotiation_id: id, text: 'manifest B', signature: signNegotiationText(p3.key, board, id, 'manifest C'), seq: 2 };
    await refused(t.client.write(p3.key, `/negotiations/${id}`, 'negotiation.contribute', badText), 400, 'BAD_SIGNATURE');
    expect((await t.client.contribute(p3.key, id, 'manifest B', 2)).id).toBeNull();
    const done = await t.client.contribute(p1.key, id, 'manifest B', 3);
    expect(done.id).toMatch(/^[0-9a-f]{64}$/);
    await refused(t.client.contribute(p2.key, id, 'manifest C', 4), 409, 'WRONG_STATE');

    const negotiation = await t.client.request<any>('GET', `/negotiations/${id}`);
    expect(negotiation).toMatchObject({ status: 'AGREED', hash: done.id });
    expect(negotiation.contributions.map((c: any) => [c.peer_id, c.text])).toEqual([[p1.id, 'manifest A'], [p2.id, 'manifest B'], [p3.id, 'manifest B'], [p1.id, 'manifest B']]);
    const agreed = await t.client.request<any>('GET', `/consensus/${done.id}`);
    expect(agreed).toMatchObject({ id: done.id, negotiation_id: id, text: 'manifest B' });
    expect(Object.keys(agreed.signings).sort()).toEqual([p1.id, p2.id, p3.id].sort());
    expect(consensusId(board, id, 'manifest B', agreed.signings)).toBe(done.id);
    await refused(t.client.request('GET', `/consensus/${'ab'.repeat(32)}`), 404);
  });

  it('creates a peer from a consensus on its prescription, once', async () => {
    const [p1, p2] = [await newPeer(t), await newPeer(t)];
    const joint = generateSigningKey();
    const fields = { name: 'joint', peer_type: 'MIXNET', size_min: 0, size_max: 9 };
    const prescription = peerPrescription({ operation: 'create', resource: 'peer', key_data: toHex(joint.publicKey), key_id: keyId(joint.publicKey), key_type: 1, ...fields, key_proof: '' });
    const neg = (await t.client.createNegotiation(p1.key, [p1.id, p2.id])).id as string;
    await t.client.contribute(p1.key, neg, prescription, 0);
    const cid = (await t.client.contribute(p2.key, neg, prescription, 1)).id as string;
    await refused(t.client.createPeer(p1.key, joint, { ...fields, name: 'other name' }, cid), 409, 'CONFLICT');
    const outsider = await newPeer(t);
    await refused(t.client.createPeer(outsider.key, joint, fields, cid), 403, 'FORBIDDEN');
    const created = await t.client.createPeer(p2.key, joint, fields, cid);
    expect(await t.client.request<any>('GET', `/peers/${created.id}`)).toMatchObject({ consensus_id: cid, owners: [p1.id, p2.id].sort() });
    expect(await t.client.request<any>('GET', `/consensus/${cid}`)).toMatchObject({ used_by: created.entry.index });
    await refused(t.client.createPeer(p1.key, generateSigningKey(), fields, cid), 409);
  });

  it('refuses negotiations with unknown or repeated participants', async () => {
    const p = await newPeer(t);
    await refused(t.client.createNegotiation(t.authority, [p.id, '0'.repeat(32)]), 409, 'CONFLICT');
    await refused(t.client.createNegotiation(t.authority, [p.id, p.id]), 400, 'INVALID_REQUEST');
    await refused(t.client.request('GET', `/negotiations/${'cd'.repeat(32)}`), 404);
  });
});
