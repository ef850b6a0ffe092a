/**
 * Errors of the board service. Every refusal of a request is a `BoardError` carrying the HTTP
 * status and a stable machine-readable code; the HTTP layer turns it into
 * `{"error": {"code", "message"}}`. Messages name what was wrong and never echo secrets.
 */
export type BoardErrorCode =
  | 'BAD_JSON'
  | 'INVALID_REQUEST'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_SIGNER'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REPLAY'
  | 'WRONG_STATE'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | (string & {});

export class BoardError extends Error {
  override readonly name = 'BoardError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: BoardErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const invalid = (message: string) => new BoardError(400, 'INVALID_REQUEST', message);
export const notFound = (message: string) => new BoardError(404, 'NOT_FOUND', message);
export const forbidden = (message: string) => new BoardError(403, 'FORBIDDEN', message);
export const conflict = (message: string) => new BoardError(409, 'CONFLICT', message);
export const wrongState = (message: string) => new BoardError(409, 'WRONG_STATE', message);
