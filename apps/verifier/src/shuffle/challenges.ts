/**
 * What the verifier derives itself for a shuffle (docs/crypto.md §9.2–9.3), never read from a
 * proof: the generators' seed, the generators h_0..h_N, and the 128-bit challenges u_j.
 */
import { createHash } from 'node:crypto';
import { concat, u32be, utf8 } from '../encoding/bytes.js';
import { FiatShamir } from '../crypto/fiat-shamir.js';
import type { Group, Point } from '../crypto/group.js';

export function generatorsSeed(group: Group, election: string, round: number, n: number): Uint8Array {
  return new FiatShamir('shuffle-generators', election, `mix/${round}`).field('group', utf8(group.name)).field('n', u32be(n)).challengeBytes('seed');
}

/** h_i for i in [from, to) (docs/crypto.md §3). */
export function generators(group: Group, seed: Uint8Array, from: number, to: number): Point[] {
  const dst = utf8(`ostraka-v1-generators-${group.name}`);
  const out: Point[] = [];
  for (let i = from; i < to; i++) out.push(group.hashToGroup(concat(seed, u32be(i)), dst));
  return out;
}

/** u_j for j in [from, to): the first 16 bytes of SHA-512(u_seed ‖ u32be(j)), big-endian. */
export function challengeVector(uSeed: Uint8Array, from: number, to: number): bigint[] {
  const out: bigint[] = [];
  for (let j = from; j < to; j++) {
    const h = createHash('sha512').update(uSeed).update(u32be(j)).digest();
    out.push(BigInt('0x' + h.subarray(0, 16).toString('hex')));
  }
  return out;
}
