/**
 * The framed Fiat–Shamir transcript of docs/crypto.md §6: a running SHA-512 over fields
 * `u32be(len(label)) ‖ label ‖ u64be(len(data)) ‖ data`, opened by the protocol, the election and
 * the step. A challenge hashes everything so far plus `field(L, empty)` and does not end it.
 */
import { createHash, type Hash } from 'node:crypto';
import { u32be, u64be, utf8 } from '../encoding/bytes.js';
import type { Group } from './group.js';

export class FiatShamir {
  private readonly hash: Hash = createHash('sha512');

  constructor(protocol: string, election: string, step: string) {
    this.field('ostraka-fiat-shamir-v1', utf8(protocol));
    this.field('election', utf8(election));
    this.field('step', utf8(step));
  }

  field(label: string, ...data: Uint8Array[]): this {
    const l = utf8(label);
    let length = 0;
    for (const d of data) length += d.length;
    this.hash.update(u32be(l.length)).update(l).update(u64be(length));
    for (const d of data) this.hash.update(d);
    return this;
  }

  challengeBytes(label: string): Uint8Array {
    const h = this.hash.copy();
    const l = utf8(label);
    h.update(u32be(l.length)).update(l).update(u64be(0));
    return new Uint8Array(h.digest());
  }

  challengeScalar(label: string, group: Group): bigint {
    return group.reduceWide(this.challengeBytes(label));
  }
}
