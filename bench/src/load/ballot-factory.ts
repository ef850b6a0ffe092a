import {
  ElGamal,
  encodeCiphertext,
  encodeEncryptionProof,
  encodePlaintext,
  fromHex,
  groupByName,
  proveEncryption,
  signingKeyFromSecret,
  toHex,
  type Group,
} from '@ostraka/crypto';
import { electionWidth, encodeBallot, type FullManifest } from '@ostraka/protocol';
import { keyId, type JsonObject } from '@ostraka/protocol/log';
import { fastSigner } from '../board/fast-signer.js';
import { answerPattern, PATTERNS } from './answer-patterns.js';

/** What a voter's client knows about the election it casts in. */
export interface BallotContext {
  readonly manifest: FullManifest;
  readonly jointKey: string;
  readonly board: string;
  readonly authority: string;
  readonly cycle: number;
}

/**
 * Makes signed ballot requests exactly as the voting client does (createBallot, then a
 * message.inbox envelope signed by the credential), only cheaper for the client: the plaintext
 * embeddings of the few answer patterns are computed once, and envelopes are signed with
 * node:crypto's Ed25519 (byte-identical to @noble/curves'). Every ballot is a fresh encryption
 * with a fresh proof: the board verifies each one in full.
 */
export class BallotFactory {
  private readonly group: Group<unknown>;
  private readonly scheme: ElGamal<unknown>;
  private readonly embedded: unknown[][];

  constructor(private readonly ctx: BallotContext) {
    this.group = groupByName(ctx.manifest.group) as Group<unknown>;
    this.scheme = new ElGamal(this.group, this.group.decode(fromHex(ctx.jointKey)));
    const width = electionWidth(ctx.manifest);
    this.embedded = Array.from({ length: PATTERNS }, (_, i) => encodePlaintext(this.group, encodeBallot(ctx.manifest.questions, answerPattern(i)), width));
  }

  /** `count` request bodies; ballot k is cast by credential `secrets[(first + k) % secrets.length]`. */
  make(secrets: readonly string[], first: number, count: number): string[] {
    const G = this.group;
    const signers = new Map<number, { sign: ReturnType<typeof fastSigner>; publicKey: Uint8Array }>();
    const out: string[] = [];
    for (let k = 0; k < count; k++) {
      const v = (first + k) % secrets.length;
      let signer = signers.get(v);
      if (!signer) {
        const key = signingKeyFromSecret(fromHex(secrets[v]));
        signer = { sign: fastSigner(key), publicKey: key.publicKey };
        signers.set(v, signer);
      }
      const { ciphertext, randomness } = this.scheme.encrypt(this.embedded[(first + k) % PATTERNS]);
      const proof = proveEncryption(G, { election: this.ctx.manifest.id, step: 'ballot' }, signer.publicKey, this.scheme.publicKey, ciphertext, randomness);
      const sender = keyId(signer.publicKey);
      const payload: JsonObject = {
        operation: 'create',
        resource: 'message',
        sender,
        recipient: this.ctx.authority,
        peer_id: this.ctx.authority,
        cycle_id: this.ctx.cycle,
        box: 0,
        data: {
          election: this.ctx.manifest.id,
          credential: toHex(signer.publicKey),
          ciphertext: toHex(encodeCiphertext(G, ciphertext)),
          proof: toHex(encodeEncryptionProof(G, proof)),
        },
      };
      out.push(JSON.stringify(signer.sign(this.ctx.board, 'message.inbox', payload)));
    }
    return out;
  }
}
