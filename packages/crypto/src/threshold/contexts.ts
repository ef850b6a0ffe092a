import type { ProofContext } from '../transcript.js';

/**
 * The Fiat–Shamir steps of the key ceremony and of decryption (docs/crypto.md §8.2). Each names
 * the party (and, for a complaint, both parties), so a proof made by one trustee can never be
 * presented as another's, and a proof made for one election never verifies in another.
 */
export function trusteeIndexCheck(index: number, what = 'trustee index'): number {
  if (!Number.isSafeInteger(index) || index < 1 || index > 0xffffffff)
    throw new RangeError(`${what} must be an integer in [1, 2^32), got ${index}`);
  return index;
}

/** Proof of knowledge of the share-encryption secret e_j, in trustee j's identity. */
export function shareKeyContext(election: string, trustee: number): ProofContext {
  return { election, step: `dkg/share-key/trustee-${trusteeIndexCheck(trustee)}` };
}

/** Proof of knowledge of a_i0 (the dealer's constant term), in dealer i's deal. */
export function dealContext(election: string, dealer: number): ProofContext {
  return { election, step: `dkg/deal/dealer-${trusteeIndexCheck(dealer, 'dealer')}` };
}

/** DLEQ proof of a complaint by recipient j against dealer i. */
export function complaintContext(election: string, dealer: number, recipient: number): ProofContext {
  return {
    election,
    step: `dkg/complaint/dealer-${trusteeIndexCheck(dealer, 'dealer')}/recipient-${trusteeIndexCheck(recipient, 'recipient')}`,
  };
}

/** Proof of knowledge of the key share x_j, in trustee j's finalization. */
export function keyShareContext(election: string, trustee: number): ProofContext {
  return { election, step: `dkg/key-share/trustee-${trusteeIndexCheck(trustee)}` };
}

/** DLEQ proofs of trustee j's partial decryptions. */
export function decryptionContext(election: string, trustee: number): ProofContext {
  return { election, step: `decrypt/trustee-${trusteeIndexCheck(trustee)}` };
}
