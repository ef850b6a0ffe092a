/**
 * Rewrites the back half of an election (last mix round → decryption → plaintexts → tally) so
 * that everything after the round is consistent again: the decrypting transition, the trustees'
 * partial decryptions (made by the trustees themselves), the plaintexts document and the tally,
 * all re-signed by their authors. What is left wrong is only what a test put there.
 */
import { createHash } from 'node:crypto';
import { decodePlaintext, fromHex, groupByName, toHex } from '@ostraka/crypto';
import {
  canonicalJson, ciphertextListHash, complaintsFileSchema, dealFileSchema, decodeCiphertextRange, decryptCiphertextList, evaluateCeremonyFiles,
  openCiphertextList, openComplaints, openDeal, openRoster, packCiphertextList, parseWith, rosterSchema, tallyBallots,
} from '@ostraka/protocol';
import { fileText } from '@ostraka/election/testing';
import type { GeneratedElection } from './election.js';
import type { TranscriptEditor } from './transcript-editor.js';

export function lastRound(ed: TranscriptEditor): number {
  return Math.max(...ed.findAll((e) => e.type === 'message.outbox' && e.payload.data?.round).map((e) => e.payload.data.round));
}

function listOf(gen: GeneratedElection, packed: Uint8Array) {
  const m = gen.manifest;
  const width = electionWidth(gen);
  return packCiphertextList(m.group, m.id, width, packed.length / (2 * width * groupByName(m.group).elementLength), packed);
}

/** docs/transcript.md §10.2, computed here with the manifest's questions (test support). */
export function electionWidth(gen: GeneratedElection): number {
  const m = gen.manifest;
  const size = m.questions.reduce((n: number, q: any) => n + (q.kind === 'plurality' ? 1 : q.kind === 'approval' ? Math.ceil(q.candidates.length / 8) : q.kind === 'ranked' ? q.maxRanks : 2 + q.maxLength), 0);
  return Math.max(1, Math.ceil((Math.max(32, size) + 2) / 30));
}

/** Decrypts a packed list with the system's own election-flow code and the posted ceremony files. */
export function decryptWithSystem(ed: TranscriptEditor, gen: GeneratedElection, packed: Uint8Array, partialFiles: unknown[]): (string | null)[] {
  const m = gen.manifest;
  const group = groupByName(m.group);
  const n = m.trustees.count;
  const identities = Array.from({ length: n }, (_, j) => ed.file('trustee.identity', j + 1));
  const roster = openRoster(group, m, parseWith(rosterSchema, { type: 'trustee.roster', election: m.id, trustees: identities }));
  const deals = Array.from({ length: n }, (_, j) => openDeal(roster, parseWith(dealFileSchema, ed.file('dkg.deal', j + 1))));
  const complaints = Array.from({ length: n }, (_, j) => openComplaints(roster, parseWith(complaintsFileSchema, ed.file('dkg.complaints', j + 1))));
  const ceremony = evaluateCeremonyFiles(roster, deals, complaints.flat());
  const list = openCiphertextList(group, m.id, listOf(gen, packed));
  const cts = decodeCiphertextRange(group, list.packed, list.width, 0, list.count);
  const { plaintexts } = decryptCiphertextList(roster, ceremony, list, cts, partialFiles as never);
  return plaintexts.map((elements) => {
    try {
      return toHex(decodePlaintext(group, elements));
    } catch {
      return null;
    }
  });
}

/**
 * Replaces the last round's output (and proof, if given), then redoes decryption and tally:
 * `plaintexts` when the caller knows them, otherwise decrypted with the system's code.
 */
export function rewriteLastRound(ed: TranscriptEditor, gen: GeneratedElection, output: Uint8Array, options: { proof?: Uint8Array; plaintexts?: (string | null)[] } = {}): void {
  const m = gen.manifest;
  const k = lastRound(ed);
  ed.setRoundBytes(k, 'output', output);
  if (options.proof) ed.setRoundBytes(k, 'proof', options.proof);
  const list = listOf(gen, output);
  const hash = toHex(ciphertextListHash(m.group, m.id, list.width, list.count, output));
  const decrypting = ed.find((e) => e.type === 'election.state' && e.payload.state === 'decrypting');
  decrypting.payload = { ...decrypting.payload, output_hash: hash, ciphertexts: list.count };
  ed.resign(decrypting);
  const partials: unknown[] = [];
  for (const e of ed.findAll((x) => x.type === 'election.document' && x.payload.kind === 'decryption.partial')) {
    const j = e.payload.trustee as number;
    const file = gen.trustees[j - 1].decrypt(list);
    partials.push(file);
    ed.setDocument('decryption.partial', j, fileText(file));
  }
  const plaintexts = options.plaintexts ?? decryptWithSystem(ed, gen, output, partials);
  const text = canonicalJson({ type: 'election.plaintexts', election: m.id, list: hash, plaintexts } as never);
  ed.setDocument('election.plaintexts', 0, text);
  const tallied = ed.find((e) => e.type === 'election.state' && e.payload.state === 'tallied');
  const tally = tallyBallots(m.questions, plaintexts.map((p) => (p === null ? null : fromHex(p))));
  tallied.payload = { ...tallied.payload, plaintexts_hash: createHash('sha256').update(text).digest('hex'), tally: JSON.parse(JSON.stringify(tally)) };
  ed.resign(tallied);
}

/** The last round's output as a list of ciphertext encodings. */
export function splitCiphertexts(gen: GeneratedElection, packed: Uint8Array): Uint8Array[] {
  const size = 2 * electionWidth(gen) * groupByName(gen.manifest.group).elementLength;
  return Array.from({ length: packed.length / size }, (_, i) => packed.slice(i * size, (i + 1) * size));
}

export function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
