/**
 * The mix server's failures, each with its exit code: 2 = the command cannot run as given (bad
 * usage, a key file that cannot be read, a key that is not a mix server of the election);
 * 1 = the round cannot be completed (an earlier round does not verify, the board refuses, the
 * state directory contradicts the board).
 */
export abstract class MixerError extends Error {
  abstract readonly exitCode: 1 | 2;
}

export class UsageError extends MixerError {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

export class MixFailure extends MixerError {
  override readonly name = 'MixFailure';
  readonly exitCode = 1;
}

/** An earlier round whose proof (or lists) do not check out: the mix server refuses to build on it. */
export class EarlierRoundInvalid extends MixFailure {
  constructor(
    readonly round: number,
    readonly reason: string,
  ) {
    super(`round ${round} does not verify: ${reason}; refusing to mix on top of it`);
  }
}
