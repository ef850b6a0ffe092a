import { concatBytes, checkBytes } from '../bytes.js';
import { DecodeError } from '../errors.js';
import type { Group } from '../group/group.js';
import type { EncryptionProof } from './encryption.js';
import type { SchnorrProof } from './schnorr.js';

/** challenge ‖ response, two scalars (also the encoding of a DLEQ proof). */
export function encodeSchnorrProof(group: Group<unknown>, proof: SchnorrProof): Uint8Array {
  return concatBytes(group.scalars.encode(proof.challenge), group.scalars.encode(proof.response));
}

export function decodeSchnorrProof(group: Group<unknown>, bytes: Uint8Array, field = 'proof'): SchnorrProof {
  const n = group.scalarLength;
  checkBytes(bytes, field, 2 * n);
  return {
    challenge: group.scalars.decode(bytes.subarray(0, n), `${field}.challenge`),
    response: group.scalars.decode(bytes.subarray(n), `${field}.response`),
  };
}

/** challenge ‖ response_1 ‖ … ‖ response_w. */
export function encodeEncryptionProof(group: Group<unknown>, proof: EncryptionProof): Uint8Array {
  return concatBytes(group.scalars.encode(proof.challenge), ...proof.responses.map((s) => group.scalars.encode(s)));
}

export function decodeEncryptionProof(group: Group<unknown>, bytes: Uint8Array, width: number, field = 'proof'): EncryptionProof {
  const n = group.scalarLength;
  checkBytes(bytes, field);
  if (bytes.length !== (width + 1) * n)
    throw new DecodeError('WRONG_LENGTH', field, `expected ${(width + 1) * n} bytes for width ${width}, got ${bytes.length}`);
  const responses: bigint[] = [];
  for (let j = 0; j < width; j++)
    responses.push(group.scalars.decode(bytes.subarray((j + 1) * n, (j + 2) * n), `${field}.responses[${j}]`));
  return { challenge: group.scalars.decode(bytes.subarray(0, n), `${field}.challenge`), responses };
}
