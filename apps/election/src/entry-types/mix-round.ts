import { BoardError, type BoardReader, type EntryContext, type EntryTypeExtension } from '@ostraka/board';
import { ciphertextLength, fromHex, groupByName, toHex } from '@ostraka/crypto';
import { ciphertextListHash, mixDataSchema, mixDocumentName, type Json, type MixData } from '@ostraka/protocol';
import type { MessagePayload } from '@ostraka/protocol/log';
import { readElection, requireConsensus, requireState, writeElection, type ElectionRecord } from '../election-record.js';

/** Progress of a mix round (kv scope `mix-round`, key `<election>/<round>`). */
interface RoundProgress {
  readonly peer: string;
  readonly cycle: number;
  readonly output: number[];
  readonly proof: number[];
  readonly outputCount: number;
  readonly proofCount: number;
  /** Bytes of output posted so far: checked chunk by chunk, so a wrong-size output is refused early. */
  readonly outputBytes: number;
}

function mixData(m: MessagePayload): MixData | null {
  const parsed = mixDataSchema.safeParse(m.data);
  return parsed.success ? parsed.data : null;
}

async function roundElection(reader: BoardReader, m: MessagePayload): Promise<{ election: ElectionRecord; data: MixData } | null> {
  const data = mixData(m);
  if (!data) return null;
  const election = await readElection(reader, data.election);
  if (!election || !election.manifest.mixServers.includes(m.peer_id)) return null;
  return { election, data };
}

const refuse = (message: string) => new BoardError(409, 'WRONG_STATE', message);

async function validateRound(ctx: EntryContext<MessagePayload>): Promise<void> {
  const found = await roundElection(ctx.state, ctx.payload);
  if (!found) return;
  const { election, data } = found;
  const m = ctx.payload;
  requireState(election, ['mixing'], 'posting a mix round');
  requireConsensus(election, data.consensus_id);
  const round = election.rounds.length + 1;
  if (data.round !== round) throw refuse(`the next mix round is ${round}, not ${data.round}`);
  if (election.manifest.mixServers[round - 1] !== m.peer_id) throw new BoardError(403, 'FORBIDDEN', `round ${round} belongs to mix server ${election.manifest.mixServers[round - 1]}`);
  const input = round === 1 ? election.input?.hash : election.rounds[round - 2].output_hash;
  if (data.input_hash !== input) throw refuse(`the input of round ${round} is the list ${input}`);
  if (m.chunk?.doc !== mixDocumentName(round, data.part)) throw new BoardError(400, 'INVALID_REQUEST', `a round's ${data.part} is the chunked document "${mixDocumentName(round, data.part)}"`);
  const progress = (await ctx.state.kvGet('mix-round', `${election.id}/${round}`)) as RoundProgress | null;
  if (progress && (progress.peer !== m.peer_id || progress.cycle !== m.cycle_id))
    throw new BoardError(409, 'CONFLICT', `round ${round} is being posted in cycle ${progress.cycle}`);
  if (data.part === 'output') {
    const size = ciphertextLength(groupByName(election.manifest.group), election.width);
    const count = round === 1 ? (election.input?.count as number) : election.rounds[round - 2].count;
    const total = (progress?.outputBytes ?? 0) + data.bytes.length / 2;
    const last = (m.chunk?.index ?? 0) === (m.chunk?.count ?? 1) - 1;
    if (total > count * size || (last && total !== count * size))
      throw new BoardError(400, 'BAD_MIX', `round ${round}'s output must hold exactly ${count} ciphertexts of width ${election.width} (${count * size} bytes)`);
  }
}

async function applyRound(ctx: EntryContext<MessagePayload>): Promise<void> {
  const found = await roundElection(ctx.state, ctx.payload);
  if (!found) return;
  const { election, data } = found;
  const m = ctx.payload;
  const chunk = m.chunk as { index: number; count: number };
  const key = `${election.id}/${data.round}`;
  const before = ((await ctx.state.kvGet('mix-round', key)) as RoundProgress | null) ?? {
    peer: m.peer_id,
    cycle: m.cycle_id,
    output: [],
    proof: [],
    outputCount: 0,
    proofCount: 0,
    outputBytes: 0,
  };
  const progress: RoundProgress =
    data.part === 'output'
      ? { ...before, output: [...before.output, ctx.index], outputCount: chunk.count, outputBytes: (before.outputBytes ?? 0) + data.bytes.length / 2 }
      : { ...before, proof: [...before.proof, ctx.index], proofCount: chunk.count };
  await ctx.state.kvPut('mix-round', key, progress as unknown as Json, ctx.index);
  ctx.setElection(election.id);
  const complete = progress.output.length === progress.outputCount && progress.proof.length === progress.proofCount && progress.outputCount > 0 && progress.proofCount > 0;
  if (!complete) return;

  // The round is complete: fix its output's list hash, which the next round (or the trustees) take as input.
  const parts: Uint8Array[] = [];
  for (const index of progress.output) {
    const entry = index === ctx.index ? { payload: m } : await ctx.state.entry(index);
    parts.push(fromHex(((entry?.payload as MessagePayload).data as MixData).bytes));
  }
  const packed = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    packed.set(p, offset);
    offset += p.length;
  }
  const group = groupByName(election.manifest.group);
  const count = data.round === 1 ? (election.input?.count as number) : election.rounds[data.round - 2].count;
  if (packed.length !== count * ciphertextLength(group, election.width))
    throw new BoardError(400, 'BAD_MIX', `round ${data.round}'s output must hold ${count} ciphertexts of width ${election.width}`);
  const outputHash = toHex(ciphertextListHash(group.name, election.id, election.width, count, packed));
  await writeElection(ctx.state, { ...election, rounds: [...election.rounds, { output_hash: outputHash, count, peer: m.peer_id, cycle: m.cycle_id }] }, ctx.index);
}

/**
 * Mix rounds on the seed's `message.outbox` (docs/election.md §Mixing): mix server k posts round
 * k's output and proof as chunked documents of one CLOSED cycle of its own, in turn, naming the
 * list it took as input. The board checks the order and the sizes; the shuffle proofs are checked by
 * the next mix servers and by the verifier.
 */
export const mixOutbox: EntryTypeExtension<MessagePayload> = {
  validate: validateRound,
  apply: applyRound,
};
