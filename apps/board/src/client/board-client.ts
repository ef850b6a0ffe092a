import { fromHex, toHex, type SigningKey } from '@ostraka/crypto';
import type { Json } from '@ostraka/protocol';
import {
  keyId,
  SEED_ENTRY_TYPES,
  signEnvelope,
  signKeyPossession,
  signNegotiationText,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
  type ConsistencyProof,
  type InclusionProof,
  type JsonObject,
  type TreeHead,
} from '@ostraka/protocol/log';

const toLeafHashBytes = (hex: string): Uint8Array => fromHex(hex, 'hash', 32);

/** A refusal from the board: the HTTP status and the `{error: {code, message}}` body. */
export class BoardHttpError extends Error {
  override readonly name = 'BoardHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

export interface WriteReceipt {
  id: Json;
  entry: { index: number; leaf_hash: string };
  tree_head: TreeHead;
}

export interface BoardInfo {
  board_id: string;
  public_key: string;
  key_id: string;
  fingerprint: string;
  authority_key: string;
  authority_key_id: string;
  tree_size: number;
  entry_types: string[];
  limits: { max_body_bytes: number; page_limit: number };
}

export interface PeerFields {
  name: string;
  peer_type: string;
  size_min: number;
  size_max: number;
}

/**
 * A small HTTP client of the board for tools, tests and the other parts of ostraka: it signs
 * writes (the board id comes from `GET /board`), and checks what the board returns against its
 * public key (tree heads) and the RFC 9162 proofs. Uses the platform `fetch`.
 */
export class BoardClient {
  private info_: Promise<BoardInfo> | null = null;
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const send = () =>
      this.fetchImpl(this.baseUrl + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    let res: Response;
    try {
      res = await send();
    } catch (e) {
      // A read that failed before any answer (a kept-alive connection the board had closed
      // meanwhile, a restart) is safe to send once more; a write is never repeated here.
      if (method !== 'GET' || !(e instanceof TypeError)) throw e;
      res = await send();
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!res.ok) {
      const err = (parsed as { error?: { code?: string; message?: string } })?.error;
      throw new BoardHttpError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? text.slice(0, 200));
    }
    return parsed as T;
  }

  info(): Promise<BoardInfo> {
    // A failed GET /board is not remembered: the board may be starting or restarting.
    this.info_ ??= this.request<BoardInfo>('GET', '/board').catch((e: unknown) => {
      this.info_ = null;
      throw e;
    });
    return this.info_;
  }
  async boardId(): Promise<string> {
    return (await this.info()).board_id;
  }

  head(): Promise<TreeHead> {
    return this.request('GET', '/log/head');
  }
  entries(start: number, end?: number) {
    return this.request<{ entries: (JsonObject & { index: number; leaf_hash: string })[]; next: number | null }>(
      'GET',
      `/log/entries?start=${start}${end === undefined ? '' : `&end=${end}`}`,
    );
  }
  inclusionProof(q: { index: number; size?: number } | { leafHash: string; size?: number }): Promise<InclusionProof> {
    const which = 'index' in q ? `index=${q.index}` : `leaf_hash=${q.leafHash}`;
    return this.request('GET', `/log/proof/inclusion?${which}${q.size === undefined ? '' : `&size=${q.size}`}`);
  }
  consistencyProof(first: number, second?: number): Promise<ConsistencyProof> {
    return this.request('GET', `/log/proof/consistency?first=${first}${second === undefined ? '' : `&second=${second}`}`);
  }

  /** Signs `payload` as an entry of `type` and posts it to `path`. */
  async write(key: SigningKey, path: string, type: string, payload: JsonObject): Promise<WriteReceipt> {
    return this.request('POST', path, signEnvelope(key, await this.boardId(), type, payload));
  }

  async createPeer(authority: SigningKey, peer: SigningKey, fields: PeerFields, consensusId?: string): Promise<WriteReceipt> {
    const board = await this.boardId();
    const id = keyId(peer.publicKey);
    const payload: JsonObject = {
      operation: 'create',
      resource: 'peer',
      key_data: toHex(peer.publicKey),
      key_id: id,
      key_type: 1,
      ...fields,
      key_proof: signKeyPossession(peer, board, id),
      ...(consensusId ? { consensus_id: consensusId } : {}),
    };
    return this.write(authority, '/peers', SEED_ENTRY_TYPES.peerCreate, payload);
  }
  openCycle(peer: SigningKey, cycleId: number) {
    const id = keyId(peer.publicKey);
    return this.write(peer, `/peers/${id}/cycles`, SEED_ENTRY_TYPES.cycleCreate, { operation: 'create', resource: 'cycle', peer_id: id, cycle_id: cycleId });
  }
  updateCycle(peer: SigningKey, cycleId: number, action: 'close' | 'process') {
    const id = keyId(peer.publicKey);
    return this.write(peer, `/peers/${id}/cycles/${cycleId}`, SEED_ENTRY_TYPES.cycleUpdate, {
      operation: 'action',
      action,
      resource: 'cycle',
      peer_id: id,
      cycle_id: cycleId,
    });
  }
  sendToInbox(sender: SigningKey, peerId: string, cycleId: number, data: Json, nonce?: string) {
    return this.write(sender, `/peers/${peerId}/cycles/${cycleId}/inbox`, SEED_ENTRY_TYPES.messageInbox, {
      operation: 'create',
      resource: 'message',
      sender: keyId(sender.publicKey),
      recipient: peerId,
      peer_id: peerId,
      cycle_id: cycleId,
      box: 0,
      data,
      ...(nonce === undefined ? {} : { nonce }),
    });
  }
  postToOutbox(peer: SigningKey, cycleId: number, recipient: string, data: Json, extra: { nonce?: string; chunk?: { doc: string; index: number; count: number } } = {}) {
    const id = keyId(peer.publicKey);
    return this.write(peer, `/peers/${id}/cycles/${cycleId}/outbox`, SEED_ENTRY_TYPES.messageOutbox, {
      operation: 'create',
      resource: 'message',
      sender: id,
      recipient,
      peer_id: id,
      cycle_id: cycleId,
      box: 1,
      data,
      ...(extra.nonce === undefined ? {} : { nonce: extra.nonce }),
      ...(extra.chunk === undefined ? {} : { chunk: extra.chunk }),
    });
  }
  createNegotiation(key: SigningKey, participants: string[], text?: string, nonce?: string) {
    return this.write(key, '/negotiations', SEED_ENTRY_TYPES.negotiationCreate, {
      operation: 'create',
      resource: 'negotiation',
      participants,
      ...(text === undefined ? {} : { text }),
      ...(nonce === undefined ? {} : { nonce }),
    });
  }
  async contribute(peer: SigningKey, negotiationId: string, text: string, seq: number) {
    const board = await this.boardId();
    return this.write(peer, `/negotiations/${negotiationId}`, SEED_ENTRY_TYPES.negotiationContribute, {
      operation: 'action',
      action: 'contribute',
      resource: 'negotiation',
      negotiation_id: negotiationId,
      text,
      signature: signNegotiationText(peer, board, negotiationId, text),
      seq,
    });
  }

  /** Checks a head's signature against the board key this client was given out of band (or `GET /board`). */
  async verifyHead(head: TreeHead, boardKey?: Uint8Array): Promise<boolean> {
    const key = boardKey ?? fromHex((await this.info()).public_key, 'public_key', 32);
    return verifyTreeHead(key, head) && head.board === (await this.boardId());
  }

  /** Fetches an inclusion proof for a receipt's entry against `head` and checks it. */
  async checkInclusion(leafHash: string, index: number, head: TreeHead): Promise<boolean> {
    const proof = await this.inclusionProof({ index, size: head.size });
    return proof.leaf_hash === leafHash && verifyInclusion(index, head.size, toLeafHashBytes(leafHash), proof.proof.map(toLeafHashBytes), toLeafHashBytes(head.root));
  }

  /** Fetches a consistency proof between two heads and checks it. */
  async checkConsistency(older: TreeHead, newer: TreeHead): Promise<boolean> {
    if (older.size === newer.size) return older.root === newer.root;
    const proof = await this.consistencyProof(older.size, newer.size);
    return verifyConsistency(older.size, newer.size, toLeafHashBytes(older.root), toLeafHashBytes(newer.root), proof.proof.map(toLeafHashBytes));
  }
}
