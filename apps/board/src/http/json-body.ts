import type { Context } from 'hono';
import { BoardError } from '../errors.js';

/**
 * The request body as JSON. A body that is not JSON is a 400 BAD_JSON; a declared content type
 * other than JSON is a 415. (Size is capped before this by the body-limit middleware.)
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/(.+\+)?json\b/i.test(type))
    throw new BoardError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new BoardError(400, 'BAD_JSON', 'the request body is not valid JSON');
  }
}
