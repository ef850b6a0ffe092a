import { hkdf } from '@noble/hashes/hkdf.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, u32be, utf8, type Group } from '@ostraka/crypto';

const SALT = 'ostraka-v1-dealer-polynomial';

/**
 * The trustee's dealer polynomial for an election, derived from the keystore's secret deal seed:
 * a_k = HKDF-SHA-512(ikm = seed, salt = "ostraka-v1-dealer-polynomial",
 * info = u32be(len(election)) ‖ election ‖ u32be(dealer) ‖ u32be(k), 64 bytes) mod q.
 *
 * Why derived and not drawn afresh: running `dkg deal` twice (a retry after a lost USB stick)
 * then gives the same commitments and the same shares, never two different polynomials; and at
 * finalize the trustee recomputes its own share f_i(i) and checks that the deal on the board is
 * its own, with no polynomial ever written to disk. The seed itself comes from the CSPRNG.
 */
export function dealerPolynomial(group: Group<unknown>, seed: Uint8Array, election: string, dealer: number, threshold: number): bigint[] {
  const e = utf8(election);
  const coefficients: bigint[] = [];
  for (let k = 0; k < threshold; k++) {
    const a = group.scalars.fromUniformBytes(hkdf(sha512, seed, utf8(SALT), concatBytes(u32be(e.length), e, u32be(dealer), u32be(k)), 64));
    // Zero has probability 2^-252; a zero coefficient would give an identity commitment, which
    // the strict decoders refuse, so refuse it here rather than post an unusable deal.
    if (a === 0n) throw new RangeError('the deal seed gives a zero coefficient; create a new keystore');
    coefficients.push(a);
  }
  return coefficients;
}

/** Whether posted commitments are exactly g^{a_k} for this polynomial (the deal on the board is ours). */
export function commitsTo<E>(group: Group<E>, coefficients: readonly bigint[], commitments: readonly E[]): boolean {
  return commitments.length === coefficients.length && coefficients.every((a, k) => group.equals(group.multiply(group.generator, a), commitments[k]));
}
