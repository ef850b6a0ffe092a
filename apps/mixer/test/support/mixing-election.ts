import { generateSigningKey, fromHex, type SigningKey } from '@ostraka/crypto';
import type { Answer, CiphertextListFile } from '@ostraka/protocol';
import { verifyShuffle } from '@ostraka/shuffle';
import { ElectionFixture } from '@ostraka/election/testing';
import type { BoardClient } from '@ostraka/board/client';

/** Valid answers to the fixture's default questions, varied by `seed`. */
export function answers(seed: number): Answer[] {
  return [
    { kind: 'plurality', candidate: seed % 4 === 3 ? null : seed % 3 },
    { kind: 'approval', candidates: seed % 2 ? [0, 3] : [1] },
    { kind: 'ranked', ranking: seed % 2 ? [2, 0, 1] : [1, 2] },
    { kind: 'write-in', text: seed % 5 === 0 ? '' : `motto ${seed % 7}` },
  ];
}

export interface VotedElection {
  readonly fx: ElectionFixture;
  readonly cast: Answer[][];
}

/**
 * An election with `mixServers` fresh mix-server keys, `voters` ballots cast and voting still
 * open (the caller closes it with `fx.closeAndStartMixing()` when the test wants mixing to start).
 */
export async function votedElection(boardUrl: string, boardAuthority: SigningKey, id: string, voters: number, mixServers: number): Promise<VotedElection> {
  const fx = new ElectionFixture({
    boardUrl,
    boardAuthority,
    election: id,
    mixServers: Array.from({ length: mixServers }, () => generateSigningKey()),
    trustees: { threshold: 2, count: 3 },
  });
  await fx.prepare(voters);
  const codes = [...fx.credentials.keys()];
  const cast: Answer[][] = [];
  // Cast in parallel batches: the board commits concurrent writes together.
  for (let i = 0; i < codes.length; i += 8)
    await Promise.all(
      codes.slice(i, i + 8).map(async (code, k) => {
        await fx.vote(code, answers(i + k));
        cast[i + k] = answers(i + k);
      }),
    );
  return { fx, cast };
}

/** Checks round `round` on the board with the single-threaded verifier (not the mix server's pool). */
export async function roundVerifies(client: BoardClient, fx: ElectionFixture, round: number): Promise<{ ok: boolean; count: number }> {
  const input = await client.request<CiphertextListFile>('GET', `/elections/${fx.id}/rounds/${round}/input`);
  const output = await client.request<CiphertextListFile>('GET', `/elections/${fx.id}/rounds/${round}/output`);
  const { proof } = await client.request<{ proof: string }>('GET', `/elections/${fx.id}/rounds/${round}/proof`);
  const statement = { group: fx.manifest.group, publicKey: fromHex(fx.jointKey), width: input.width, election: fx.id, round };
  const verdict = verifyShuffle(statement, fromHex(input.ciphertexts), fromHex(output.ciphertexts), fromHex(proof));
  return { ok: verdict.ok && input.ciphertexts !== output.ciphertexts, count: output.count };
}

/** Outbox messages of every cycle of a peer, as the board lists them. */
export async function outboxOf(client: BoardClient, peer: string): Promise<{ cycle: number; status: string; messages: { id: number; chunk?: { doc: string; index: number; count: number } }[] }[]> {
  const cycles = await client.request<{ id: number; status: string }[]>('GET', `/peers/${peer}/cycles`);
  const out = [];
  for (const c of cycles) {
    const messages: { id: number; chunk?: { doc: string; index: number; count: number } }[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await client.request<{ id: number; chunk?: { doc: string; index: number; count: number } }[]>(
        'GET',
        `/peers/${peer}/cycles/${c.id}/outbox?limit=2${after === undefined ? '' : `&after=${after}`}`,
      );
      messages.push(...page.map((m) => ({ id: m.id, chunk: m.chunk })));
      if (page.length < 2) break;
      after = page[page.length - 1].id;
    }
    out.push({ cycle: c.id, status: c.status, messages });
  }
  return out;
}
