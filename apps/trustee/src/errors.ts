/**
 * The tool's failures, each with its exit code (docs/trustee-guide.md §Exit codes):
 * 2 = the command cannot run (bad usage, a file that cannot be read, is malformed or belongs
 * elsewhere, a keystore that does not open); 1 = something was checked and is wrong (a bad
 * signature or proof, a failed ceremony, a check that fails).
 */
export abstract class TrusteeError extends Error {
  abstract readonly exitCode: 1 | 2;
}

export class UsageError extends TrusteeError {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** A file that cannot be used: unreadable, not JSON, a field that fails validation or belongs elsewhere. */
export class InputError extends TrusteeError {
  override readonly name = 'InputError';
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${reason}`);
  }
}

/** A keystore that does not open: wrong passphrase, damaged or altered file. */
export class KeystoreError extends TrusteeError {
  override readonly name = 'KeystoreError';
  readonly exitCode = 2;
}

/** A verification that failed: the file is well-formed but a signature, proof or check says no. */
export class CheckFailedError extends TrusteeError {
  override readonly name = 'CheckFailedError';
  readonly exitCode = 1;
}
