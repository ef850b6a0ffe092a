/**
 * Mix rounds on the board (docs/transcript.md §10.8): the `message.outbox` chunks of round k come
 * from mix server k, in one of its cycles, while the election is mixing, name the round's input
 * hash, and together hold the output list (as many ciphertexts as the input) and the proof.
 * The proof itself is checked in the shuffle phase.
 */
import { isRecord, type Json } from '../encoding/canonical-json.js';
import { concat } from '../encoding/bytes.js';
import { isHex, parseHex } from '../encoding/hex.js';
import { fieldsProblem, isInteger } from '../encoding/shape.js';
import type { Entry } from '../log/entry.js';
import { equation } from '../report/equation.js';
import type { ElectionContext } from './context.js';
import { listHash } from './list-hash.js';
import type { ElectionRecord } from './record.js';

const CHECK = 'election.mix-round';

export interface MixData {
  election: string;
  consensus_id: string;
  round: number;
  part: 'output' | 'proof';
  input_hash: string;
  bytes: string;
}

/** The exact shape of a mix round's chunk data (§10.8); anything else is an ordinary outbox message. */
export function isMixData(data: Json | undefined): data is MixData & Record<string, Json> {
  return (
    fieldsProblem(data, ['election', 'consensus_id', 'round', 'part', 'input_hash', 'bytes']) === null &&
    isRecord(data) &&
    typeof data.election === 'string' &&
    isHex(data.consensus_id, 32) &&
    isInteger(data.round, 1) &&
    (data.part === 'output' || data.part === 'proof') &&
    isHex(data.input_hash, 32) &&
    isHex(data.bytes)
  );
}

export function applyMixChunk(ctx: ElectionContext, r: ElectionRecord, entry: Entry): void {
  ctx.findings.pass(CHECK);
  const p = entry.payload;
  const data = p.data as unknown as MixData;
  if (r.state !== 'mixing') return void ctx.fail(CHECK, entry, `a mix round while the election is ${r.state}`);
  if (data.consensus_id !== r.consensusId) return void ctx.fail(CHECK, entry, 'consensus_id is not the election\'s consensus');
  const k = r.rounds.length + 1;
  if (data.round !== k) return void ctx.fail(CHECK, entry, `round ${String(data.round)} while round ${k} is the next`);
  if (entry.signer !== r.manifest.mixServers[k - 1]) return void ctx.fail(CHECK, entry, `round ${k} belongs to mix server ${r.manifest.mixServers[k - 1] ?? '(none)'}, not to the signer`);
  const chunk = p.chunk;
  if (!isRecord(chunk) || chunk.doc !== `round-${k}-${data.part}`) return void ctx.fail(CHECK, entry, `the chunk's document is not round-${k}-${data.part}`);
  const input = k === 1 ? r.input : { hash: r.rounds[k - 2].outputHash, count: r.rounds[k - 2].count };
  if (!equation('mix.input-hash', input !== null && data.input_hash === input.hash)) ctx.fail('mix.input-hash', entry, `input_hash is not the list hash of round ${k}'s input (${input?.hash ?? 'none'})`);

  const cycleId = p.cycle_id as number;
  const pending = (r.pendingRound ??= { peer: entry.signer, cycle: cycleId, output: null, proof: null, entries: [] });
  if (pending.cycle !== cycleId) return void ctx.fail(CHECK, entry, `a chunk of round ${k} in cycle ${cycleId}, not in the round's cycle ${pending.cycle}`);
  pending.entries.push(entry.index);
  const doc = ctx.board.cycle(entry.signer, cycleId)?.documents.get(chunk.doc as string);
  if (!doc || doc.received !== doc.count || doc.entries[doc.entries.length - 1] !== entry.index) return;
  // This chunk completed its document.
  const pieces = doc.data.map((d) => (isRecord(d) ? String(d.bytes) : ''));
  if (data.part === 'output') pending.output = pieces;
  else pending.proof = pieces;
  if (!pending.output || !pending.proof) return;

  // A piece that is not hex was reported when it arrived; it counts as no bytes here.
  const output = concat(...pending.output.map((h) => parseHex(h) ?? new Uint8Array()));
  const proof = concat(...pending.proof.map((h) => parseHex(h) ?? new Uint8Array()));
  const size = 2 * r.width * r.group.elementLength;
  const count = input?.count ?? 0;
  if (!isInteger(count) || output.length !== count * size) ctx.fail(CHECK, entry, `round ${k}'s output has ${output.length} bytes, not ${count} ciphertexts of ${size} bytes`);
  r.rounds.push({
    round: k, peer: entry.signer, cycle: cycleId, inputHash: String(data.input_hash), output, proof,
    outputHash: listHash(r.group.name, r.id, r.width, Math.floor(output.length / size), output),
    count: Math.floor(output.length / size), entries: pending.entries,
  });
  r.pendingRound = null;
}
