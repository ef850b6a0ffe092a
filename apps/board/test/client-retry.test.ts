import { describe, expect, it } from 'vitest';
import { BoardClient } from '@ostraka/board/client';

/** A fetch that fails at the network level `failures` times, then answers `{"ok": true}`. */
function flakyFetch(failures: number) {
  const calls: string[] = [];
  const impl = (async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method} ${url}`);
    if (calls.length <= failures) throw new TypeError('fetch failed');
    return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, calls };
}

describe('BoardClient over a connection that drops', () => {
  it('sends a read once more when it failed before any answer', async () => {
    const f = flakyFetch(1);
    expect(await new BoardClient('http://board.test', f.impl).request('GET', '/board')).toEqual({ ok: true });
    expect(f.calls).toEqual(['GET http://board.test/board', 'GET http://board.test/board']);
  });

  it('gives up on a read that fails twice, and never repeats a write', async () => {
    const twice = flakyFetch(2);
    await expect(new BoardClient('http://board.test', twice.impl).request('GET', '/board')).rejects.toThrow('fetch failed');
    expect(twice.calls).toHaveLength(2);
    const write = flakyFetch(1);
    await expect(new BoardClient('http://board.test', write.impl).request('POST', '/peers', { payload: {} })).rejects.toThrow('fetch failed');
    expect(write.calls).toEqual(['POST http://board.test/peers']);
  });
});
