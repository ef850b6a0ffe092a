/** A refusal or failure from the board, with the HTTP status and the board's error code. */
export class BoardRequestError extends Error {
  override readonly name = 'BoardRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET or POST JSON to the board; a non-2xx answer is a BoardRequestError with the board's message. */
export async function boardRequest<T>(baseUrl: string, method: 'GET' | 'POST', path: string, body?: unknown, fetchImpl: typeof fetch = fetch): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(baseUrl.replace(/\/$/, '') + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new BoardRequestError(0, 'UNREACHABLE', `the board at ${baseUrl} cannot be reached (${(e as Error).message})`);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: reported below if the status is an error
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new BoardRequestError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `HTTP ${res.status}`);
  }
  return parsed as T;
}
