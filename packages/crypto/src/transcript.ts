import { sha512 } from '@noble/hashes/sha2.js';
import { u32be, u64be, utf8 } from './bytes.js';
import type { Group } from './group/group.js';

/** What every Fiat–Shamir challenge is bound to besides the statement (DESIGN: strong Fiat–Shamir). */
export interface ProofContext {
  /** The election id (or another instance id) the proof belongs to. */
  readonly election: string;
  /** The step of the protocol, e.g. `ballot`, `mix/2`, `decrypt/trustee-3`. */
  readonly step: string;
}

/** The version tag that starts every transcript; changing it changes every challenge. */
export const TRANSCRIPT_TAG = 'ostraka-fiat-shamir-v1';

/**
 * A Fiat–Shamir transcript: a running SHA-512 over framed fields. Each field is
 * `u32be(len(label)) ‖ label ‖ u64be(len(data)) ‖ data`, so no two sequences of fields share
 * an encoding. It starts with the tag, the protocol name, the election and the step
 * (docs/crypto.md §Fiat–Shamir).
 */
export class Transcript {
  private readonly state = sha512.create();

  constructor(protocol: string, context: ProofContext) {
    this.appendString(TRANSCRIPT_TAG, protocol);
    this.appendString('election', context.election);
    this.appendString('step', context.step);
  }

  append(label: string, data: Uint8Array): this {
    const l = utf8(label);
    this.state.update(u32be(l.length)).update(l).update(u64be(data.length)).update(data);
    return this;
  }

  appendString(label: string, value: string): this {
    return this.append(label, utf8(value));
  }

  appendElement<E>(label: string, group: Group<E>, element: E): this {
    return this.append(label, group.encode(element));
  }

  appendElements<E>(label: string, group: Group<E>, elements: readonly E[]): this {
    return this.append(label, group.encodeMany(elements));
  }

  appendScalar(label: string, group: Group<unknown>, scalar: bigint): this {
    return this.append(label, group.scalars.encode(scalar));
  }

  /** 64 bytes bound to everything appended so far and to `label`; the transcript can go on. */
  challengeBytes(label: string): Uint8Array {
    const l = utf8(label);
    return this.state.clone().update(u32be(l.length)).update(l).update(u64be(0)).digest();
  }

  /** A challenge scalar: challengeBytes reduced modulo q (bias below 2^-250). */
  challengeScalar(label: string, group: Group<unknown>): bigint {
    return group.scalars.fromUniformBytes(this.challengeBytes(label));
  }
}
