/**
 * Ballots (docs/transcript.md §10.6–10.7): the rules of a `message.inbox` to a ballot cycle, and
 * the ballot box (the last ballot of each credential, in entry order). The proof of each ballot
 * and the strict decoding of its ciphertext are checked afterwards in the worker pool
 * (verifyBallots), since the board's acceptance does not depend on anything they change.
 */
import { canonicalJson } from '../encoding/canonical-json.js';
import { concat, utf8 } from '../encoding/bytes.js';
import { sha256 } from '../encoding/hash.js';
import { parseHex, toHex } from '../encoding/hex.js';
import { fieldsProblem } from '../encoding/shape.js';
import { keyId } from '../log/ed25519.js';
import type { Entry } from '../log/entry.js';
import { equation } from '../report/equation.js';
import type { ElectionContext } from './context.js';
import { listHash } from './list-hash.js';
import type { Ballot, ElectionRecord } from './record.js';

const CHECK = 'election.ballot';

export function applyBallot(ctx: ElectionContext, r: ElectionRecord, entry: Entry): void {
  ctx.findings.pass(CHECK);
  const data = entry.payload.data;
  if (r.state !== 'voting-open') return void ctx.fail(CHECK, entry, `a ballot while the election is ${r.state}`);
  const shape = fieldsProblem(data, ['election', 'credential', 'ciphertext', 'proof']);
  if (shape || typeof data !== 'object' || data === null || Array.isArray(data)) return void ctx.fail(CHECK, entry, `the ballot is not {election, credential, ciphertext, proof}: ${shape}`);
  if (data.election !== r.id) return void ctx.fail(CHECK, entry, 'the ballot names another election');
  const credential = parseHex(data.credential, 32);
  if (!credential) return void ctx.fail(CHECK, entry, 'credential is not a 32-byte key in hex');
  const author = ctx.board.authors.get(entry.signer);
  if (entry.signer !== keyId(credential) || author?.kind !== 'voter' || author.election !== r.id) return void ctx.fail(CHECK, entry, 'the signer is not the credential of the ballot, registered for this election');
  const L = r.group.elementLength;
  const ciphertext = parseHex(data.ciphertext, 2 * r.width * L);
  if (!ciphertext) return void ctx.fail(CHECK, entry, `the ciphertext is not ${2 * r.width * L} bytes of hex (width ${r.width})`);
  const proof = parseHex(data.proof, 32 * (r.width + 1));
  if (!proof) return void ctx.fail(CHECK, entry, `the proof is not ${32 * (r.width + 1)} bytes of hex`);
  // No component a_j seen in an earlier ballot of this election: copies and replays (§10.6).
  const components = Array.from({ length: r.width }, (_, j) => toHex(ciphertext.subarray(2 * j * L, (2 * j + 1) * L)));
  const fresh = components.every((a) => !r.castComponents.has(a));
  if (!equation('ballot.fresh-components', fresh)) ctx.fail('ballot.fresh-components', entry, 'a component a_j of this ciphertext was cast before in this election (a copy or a replay)');
  for (const a of components) r.castComponents.add(a);
  const tracker = toHex(sha256(utf8(canonicalJson(data)!)));
  r.ballots.push({ entry: entry.index, credential: entry.signer, credentialKey: credential, ciphertext, proof, tracker });
}

/** The first mix's input: for each credential its last ballot, ordered by entry index (§10.7). */
export function ballotBox(r: ElectionRecord): { ballots: Ballot[]; packed: Uint8Array; count: number; hash: string } {
  const last = new Map<string, Ballot>();
  for (const b of r.ballots) last.set(b.credential, b);
  const ballots = [...last.values()].sort((a, b) => a.entry - b.entry);
  const packed = concat(...ballots.map((b) => b.ciphertext));
  return { ballots, packed, count: ballots.length, hash: listHash(r.group.name, r.id, r.width, ballots.length, packed) };
}
