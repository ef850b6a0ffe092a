/**
 * `election.state` (docs/transcript.md §10.3): each state must follow the previous one, and each
 * transition's requirements hold on the state built from the earlier entries.
 */
import { canonicalJson, type Json } from '../encoding/canonical-json.js';
import { equalBytes } from '../encoding/bytes.js';
import { sha256 } from '../encoding/hash.js';
import { parseHex, toHex } from '../encoding/hex.js';
import { fieldsProblem, isInteger } from '../encoding/shape.js';
import { keyId } from '../log/ed25519.js';
import type { Entry } from '../log/entry.js';
import { equation } from '../report/equation.js';
import { ballotBox } from './ballots.js';
import { checkFinalization, evaluate, type CeremonyContext } from './ceremony.js';
import type { ElectionContext } from './context.js';
import { STATES, type ElectionRecord, type ElectionState } from './record.js';
import { tallyPlaintexts } from './tally.js';

const FIELDS: Record<Exclude<ElectionState, 'draft'>, string[]> = {
  'key-ceremony': ['negotiation_id'],
  ready: ['joint_key', 'qualified'],
  'voting-open': ['cycle_id'],
  'voting-closed': [],
  mixing: ['ballots', 'input_hash'],
  decrypting: ['ciphertexts', 'output_hash'],
  tallied: ['decryptions', 'plaintexts_hash', 'tally'],
};

const CHECK = 'election.transition';

export function applyTransition(ctx: ElectionContext, r: ElectionRecord, entry: Entry): void {
  const p = entry.payload;
  const next = STATES[STATES.indexOf(r.state) + 1] as Exclude<ElectionState, 'draft'> | undefined;
  ctx.findings.pass(CHECK);
  if (next === undefined || p.state !== next) {
    ctx.fail(CHECK, entry, `state ${String(p.state)} does not follow ${r.state}${next ? ` (the next state is ${next})` : ''}`);
    return;
  }
  const shape = fieldsProblem(p, ['election', 'consensus_id', 'state', ...FIELDS[next]]);
  if (shape) {
    ctx.fail(CHECK, entry, shape);
    return;
  }
  if (next !== 'key-ceremony' && p.consensus_id !== r.consensusId) ctx.fail(CHECK, entry, 'consensus_id is not the election\'s consensus');
  const ok = RULES[next](ctx, r, entry);
  if (!ok) ctx.findings.note(`Election ${r.id}: the transition to ${next} at entry ${entry.index} broke a rule; the verifier went on as if it held.`);
  r.state = next;
  r.transitions.set(next, entry.index);
}

type Rule = (ctx: ElectionContext, r: ElectionRecord, entry: Entry) => boolean;

const RULES: Record<Exclude<ElectionState, 'draft'>, Rule> = {
  'key-ceremony'(ctx, r, entry) {
    const p = entry.payload;
    const negotiation = typeof p.negotiation_id === 'string' ? ctx.board.negotiations.get(p.negotiation_id) : undefined;
    if (!negotiation) return ctx.fail(CHECK, entry, 'negotiation_id names no negotiation');
    if (!negotiation.consensus) return ctx.fail(CHECK, entry, 'the negotiation has reached no consensus');
    let ok = true;
    if (!equation('election.consensus-id', negotiation.consensus === p.consensus_id)) ok = ctx.fail('election.consensus-id', entry, `consensus_id is not the negotiation's consensus id ${negotiation.consensus}`);
    // The stated id, which the equation vouches for, is what every later entry must carry.
    r.consensusId = String(p.consensus_id);
    const consensus = ctx.board.consensus.get(negotiation.consensus)!;
    if (consensus.usedBy !== null) return ctx.fail(CHECK, entry, `the consensus was used already (entry ${consensus.usedBy})`);
    if (consensus.text !== r.canonicalManifest) return ctx.fail(CHECK, entry, 'the consensus text is not the canonical manifest');
    const n = r.manifest.trustees.count;
    if (r.identities.size !== n) return ctx.fail(CHECK, entry, `${r.identities.size} of the ${n} trustee identities are posted`);
    const roster = Array.from({ length: n }, (_, k) => r.identities.get(k + 1)!);
    if (new Set(roster.map((i) => i.signingKeyHex)).size !== n || new Set(roster.map((i) => i.shareKeyHex)).size !== n) return ctx.fail(CHECK, entry, 'two trustees share a signing key or a share key');
    const trustees = roster.map((i) => keyId(i.signingKey));
    // The participants as a set: the board accepts them in any order.
    const expected = [r.manifest.authority, ...trustees].sort();
    if ([...negotiation.participants].sort().join() !== expected.join()) return ctx.fail(CHECK, entry, 'the negotiation\'s participants are not the authority and the n trustees\' signing keys');
    consensus.usedBy = entry.index;
    r.trustees = trustees;
    return ok;
  },

  ready(ctx, r, entry) {
    const p = entry.payload;
    const cc: CeremonyContext = { group: r.group, manifest: r.manifest, identities: r.identities };
    const evaluation = evaluate(cc, r.deals, [...r.complaints.values()].flat());
    for (const v of evaluation.verdicts) ctx.findings.note(`Election ${r.id}: ${v}.`);
    const pk = evaluation.publicKey;
    const stated = parseHex(p.joint_key, r.group.elementLength);
    const holds = pk !== null && stated !== null && equalBytes(stated, r.group.encode(pk)) && Array.isArray(p.qualified) && p.qualified.join() === evaluation.qualified.join();
    if (!equation('ceremony.joint-key', holds)) {
      ctx.fail('ceremony.joint-key', entry, pk ? `joint_key and qualified are not the ceremony's evaluation (qualified [${evaluation.qualified.join(', ')}])` : `the ceremony fails: ${evaluation.qualified.length} qualified dealers, fewer than t`);
    }
    let agreeing = 0;
    for (const [j, file] of r.finalizations) {
      let ok = true;
      if (checkFinalization(cc, j, file, evaluation, () => (ok = false)) === true && ok) agreeing++;
    }
    if (agreeing < r.manifest.trustees.threshold) ctx.fail(CHECK, entry, `${agreeing} finalizations agree with the ceremony, fewer than t = ${r.manifest.trustees.threshold}`);
    const point = stated ? r.group.decode(stated) : 'not hex';
    if (typeof point === 'string') return ctx.fail(CHECK, entry, `joint_key is not an element: ${point}`);
    r.jointKey = p.joint_key as string;
    r.jointKeyPoint = point;
    r.qualified = Array.isArray(p.qualified) ? (p.qualified as number[]) : [];
    return holds;
  },

  'voting-open'(ctx, r, entry) {
    const id = entry.payload.cycle_id;
    if (r.credentials < 1) return ctx.fail(CHECK, entry, 'no credential is registered');
    const cycle = isInteger(id, 1) ? ctx.board.cycle(r.manifest.authority, id) : undefined;
    if (!cycle) return ctx.fail(CHECK, entry, 'cycle_id names no cycle of the authority\'s peer');
    if (cycle.status !== 'OPEN' || cycle.inbox.length > 0) return ctx.fail(CHECK, entry, 'the ballot cycle is not OPEN and empty');
    const key = `${r.manifest.authority}/${cycle.id}`;
    if (ctx.ballotCycles.has(key)) return ctx.fail(CHECK, entry, `the cycle is already the ballot cycle of ${ctx.ballotCycles.get(key)}`);
    ctx.ballotCycles.set(key, r.id);
    r.ballotCycle = cycle.id;
    return true;
  },

  'voting-closed'(ctx, r, entry) {
    const cycle = r.ballotCycle === null ? undefined : ctx.board.cycle(r.manifest.authority, r.ballotCycle);
    if (!cycle || cycle.status === 'OPEN') return ctx.fail(CHECK, entry, 'the ballot cycle is not CLOSED');
    return true;
  },

  mixing(ctx, r, entry) {
    const p = entry.payload;
    // The first mix's input is the ballot box as recomputed here; the entry must state it.
    const box = ballotBox(r);
    r.input = { hash: box.hash, count: box.count };
    const holds = p.ballots === box.count && p.input_hash === box.hash;
    if (!equation('ballot.box-hash', holds)) return ctx.fail('ballot.box-hash', entry, `the ballot box has ${box.count} ballots and list hash ${box.hash}, not ${String(p.ballots)} and ${String(p.input_hash)}`);
    return true;
  },

  decrypting(ctx, r, entry) {
    const p = entry.payload;
    const m = r.manifest.mixServers.length;
    if (r.rounds.length !== m) return ctx.fail(CHECK, entry, `${r.rounds.length} of the ${m} mix rounds are complete`);
    const last = r.rounds[m - 1];
    if (!equation('mix.output-hash', p.ciphertexts === last.count && p.output_hash === last.outputHash)) return ctx.fail('mix.output-hash', entry, `the last round's output has ${last.count} ciphertexts and list hash ${last.outputHash}`);
    return true;
  },

  tallied(ctx, r, entry) {
    const p = entry.payload;
    r.tallied = { decryptions: Array.isArray(p.decryptions) ? (p.decryptions as number[]) : [], plaintextsHash: String(p.plaintexts_hash), tally: p.tally as Json, entry: entry.index };
    r.tallyEntry = entry.index;
    const doc = r.plaintexts;
    if (!doc) return ctx.fail(CHECK, entry, 'the election.plaintexts document is not complete');
    let ok = true;
    const hash = toHex(sha256(new TextEncoder().encode(doc.text)));
    if (!equation('tally.plaintexts-hash', hash === p.plaintexts_hash)) ok = ctx.fail('tally.plaintexts-hash', entry, `plaintexts_hash is not the SHA-256 ${hash} of the plaintexts document`);
    const recount = tallyPlaintexts(r.manifest.questions, (doc.value as { plaintexts: (string | null)[] }).plaintexts);
    if (!equation('tally.count', canonicalJson(recount) === canonicalJson(p.tally))) ok = ctx.fail('tally.count', entry, `the tally is not the count of the plaintexts: ${describeDifference(recount, p.tally)}`);
    const d = p.decryptions;
    const t = r.manifest.trustees.threshold;
    if (!Array.isArray(d) || d.length < t || new Set(d).size !== d.length || !d.every((j) => isInteger(j, 1) && r.partials.has(j))) {
      ok = ctx.fail(CHECK, entry, `decryptions is not a list of at least t = ${t} distinct trustees that posted partial decryptions`);
    }
    return ok;
  },
};

/** The first place where two tallies differ, for the report. */
export function describeDifference(expected: Json, actual: Json | undefined, path = 'tally'): string {
  if (canonicalJson(expected) === canonicalJson(actual ?? null)) return 'no difference';
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      const a = (expected as Record<string, Json>)[k];
      const b = (actual as Record<string, Json>)[k];
      if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) return describeDifference(a ?? null, b, `${path}.${k}`);
    }
  }
  return `${path} is ${canonicalJson(actual ?? null)}, the recount gives ${canonicalJson(expected)}`;
}
