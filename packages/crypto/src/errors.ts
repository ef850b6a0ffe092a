/**
 * Typed errors of the cryptographic core. Every rejection of untrusted bytes is a
 * `DecodeError` with a stable `code`, so that services can map it to a 4xx and tests can
 * assert the exact reason; nothing is ever normalised silently.
 */
export type DecodeErrorCode =
  | 'WRONG_TYPE'
  | 'WRONG_LENGTH'
  | 'NON_CANONICAL'
  | 'NOT_ON_CURVE'
  | 'NOT_IN_GROUP'
  | 'IDENTITY'
  | 'SCALAR_OUT_OF_RANGE'
  | 'BAD_HEX'
  | 'BAD_EMBEDDING';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly code: DecodeErrorCode,
    /** The name of the offending field or argument, e.g. `ciphertext[3].a`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A proof or signature that does not verify. Verifiers return booleans; this is for callers that must throw. */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';
  constructor(readonly what: string, message: string) {
    super(`${what}: ${message}`);
  }
}
