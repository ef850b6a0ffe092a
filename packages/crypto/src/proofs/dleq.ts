import type { Group } from '../group/group.js';
import { csprng, type RandomSource } from '../random.js';
import { Transcript, type ProofContext } from '../transcript.js';
import type { SchnorrProof } from './schnorr.js';

/**
 * Chaum–Pedersen proof that the same secret x gives publics[k] = x·bases[k] for every k
 * (docs/crypto.md §DLEQ). With bases (g, a) and publics (g^x, a^x) it proves that a partial
 * decryption a^x was computed with the key share behind the verification key g^x; with more
 * bases it covers every component of a ciphertext vector in one proof.
 */
export type DleqProof = SchnorrProof;

export interface DleqStatement<E> {
  readonly bases: readonly E[];
  readonly publics: readonly E[];
}

function challenge<E>(group: Group<E>, context: ProofContext, statement: DleqStatement<E>, commitments: readonly E[]): bigint {
  return new Transcript('dleq', context)
    .appendElements('bases', group, statement.bases)
    .appendElements('publics', group, statement.publics)
    .appendElements('commitments', group, commitments)
    .challengeScalar('challenge', group);
}

function checkShape<E>(statement: DleqStatement<E>): void {
  if (statement.bases.length === 0 || statement.bases.length !== statement.publics.length)
    throw new RangeError('a DLEQ statement needs as many publics as bases, at least one');
}

export function proveDleq<E>(
  group: Group<E>,
  context: ProofContext,
  statement: DleqStatement<E>,
  secret: bigint,
  rng: RandomSource = csprng,
): DleqProof {
  checkShape(statement);
  const S = group.scalars;
  const w = S.randomNonZero(rng);
  const commitments = statement.bases.map((base) => group.multiply(base, w));
  const c = challenge(group, context, statement, commitments);
  return { challenge: c, response: S.add(w, S.multiply(c, secret)) };
}

export function verifyDleq<E>(group: Group<E>, context: ProofContext, statement: DleqStatement<E>, proof: DleqProof): boolean {
  checkShape(statement);
  const { challenge: c, response: s } = proof;
  if (c < 0n || c >= group.order || s < 0n || s >= group.order) return false;
  const minusC = group.scalars.negate(c);
  const commitments = statement.bases.map((base, k) => group.msmPublic([base, statement.publics[k]], [s, minusC]));
  return challenge(group, context, statement, commitments) === c;
}
