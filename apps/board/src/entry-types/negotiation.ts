import { fromHex, toHex } from '@ostraka/crypto';
import {
  consensusId,
  contributionPayload,
  negotiationCreatePayload,
  NEGOTIATION_TEXT_DOMAIN,
  negotiationTextBytes,
  SEED_ENTRY_TYPES,
  type ContributionPayload,
  type NegotiationCreatePayload,
} from '@ostraka/protocol/log';
import { BoardError, conflict, forbidden, invalid, notFound, wrongState } from '../errors.js';
import type { EntryTypeDefinition } from './entry-type.js';

/**
 * `POST /negotiations`: opens a negotiation among named participants (registered peers). Its id
 * is the leaf hash of this entry: unpredictable before the write, derivable from the log after.
 */
export const negotiationCreate: EntryTypeDefinition<NegotiationCreatePayload> = {
  type: SEED_ENTRY_TYPES.negotiationCreate,
  payload: negotiationCreatePayload,
  check({ payload }) {
    if (new Set(payload.participants).size !== payload.participants.length) throw invalid('participants must be distinct');
  },
  async validate({ payload, state }) {
    for (const p of payload.participants) if (!(await state.peer(p))) throw conflict(`participant ${p} is not a registered peer`);
  },
  async apply({ payload, signer, state, index, leafHash }) {
    const id = toHex(leafHash);
    await state.insertNegotiation({
      id,
      status: 'OPEN',
      participants: [...payload.participants].sort(),
      text: payload.text ?? null,
      creator: signer,
      consensusId: null,
      contributions: 0,
      entry: index,
    });
    return id;
  },
};

/**
 * `POST /negotiations/:negotiation_id`: a participant contributes a signed text. When every
 * participant's latest contribution is the same text, the negotiation freezes (AGREED) and its
 * consensus id commits to that text and to every participant's signature on it.
 */
export const negotiationContribute: EntryTypeDefinition<ContributionPayload> = {
  type: SEED_ENTRY_TYPES.negotiationContribute,
  payload: contributionPayload,
  signers: ['peer'],
  async check({ payload, board, author, verify }) {
    const ok = await verify(
      author.publicKey,
      NEGOTIATION_TEXT_DOMAIN,
      negotiationTextBytes(board.id, payload.negotiation_id, payload.text),
      fromHex(payload.signature, 'signature', 64),
    );
    if (!ok) throw new BoardError(400, 'BAD_SIGNATURE', 'the text signature does not verify under the signer key');
  },
  async validate({ payload, signer, state }) {
    const n = await state.negotiation(payload.negotiation_id);
    if (!n) throw notFound(`no negotiation ${payload.negotiation_id}`);
    if (n.status !== 'OPEN') throw wrongState(`negotiation is ${n.status}: it accepts no more contributions`);
    if (!n.participants.includes(signer)) throw forbidden('only a participant can contribute');
    if (payload.seq !== n.contributions)
      throw new BoardError(409, 'STALE', `the negotiation has ${n.contributions} contributions; read them and contribute with seq ${n.contributions}`);
  },
  async apply({ payload, signer, state, index, board }) {
    const n = await state.negotiation(payload.negotiation_id);
    if (!n) throw notFound(`no negotiation ${payload.negotiation_id}`);
    await state.insertContribution({ id: index, negotiationId: n.id, peerId: signer, text: payload.text, signature: payload.signature, seq: payload.seq });
    const latest = new Map<string, { text: string; signature: string }>();
    for (const c of await state.contributions(n.id)) latest.set(c.peerId, c);
    const texts = new Set([...latest.values()].map((c) => c.text));
    const agreed = n.participants.every((p) => latest.has(p)) && texts.size === 1;
    let id: string | null = null;
    if (agreed) {
      const signings: Record<string, string> = {};
      for (const p of n.participants) signings[p] = (latest.get(p) as { signature: string }).signature;
      id = consensusId(board.id, n.id, payload.text, signings);
      await state.insertConsensus({ id, negotiationId: n.id, text: payload.text, signings, entry: index, usedBy: null });
    }
    await state.updateNegotiation(n.id, { status: agreed ? 'AGREED' : 'OPEN', consensusId: id, contributions: n.contributions + 1 });
    return id;
  },
};
