import { expect } from 'vitest';

/** What a refused request carries (BoardHttpError, BoardRequestError). */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** Awaits `p`, which must fail with an HTTP refusal; returns it (status and code checked if given). */
export async function refusal(p: Promise<unknown>, status?: number, code?: string): Promise<Refusal> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e as Refusal,
  );
  expect(outcome, 'expected the board to refuse').not.toBeNull();
  if (status !== undefined) expect(outcome?.status, outcome?.message).toBe(status);
  if (code !== undefined) expect(outcome?.code, outcome?.message).toBe(code);
  return outcome as Refusal;
}
