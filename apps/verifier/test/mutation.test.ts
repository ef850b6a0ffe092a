/**
 * Mutation testing of the verifier itself: an equation nobody tests is an equation nobody checks.
 *
 * Every equation the verifier checks goes through `equation(id, holds)` (src/report/equation.ts).
 * Here a copy of the compiled verifier is made in which that one function lets a chosen equation
 * always hold (the mutant). For each equation, a transcript is shown on which the real verifier
 * and the mutant disagree: almost always a transcript tampered so that only this equation catches
 * it (the real verifier rejects, the mutant accepts); for the complaint judgement, an honest
 * transcript that the mutant misjudges. The list of equations must be covered exactly.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '@ostraka/crypto';
import { consensusId, signTreeHead } from '@ostraka/protocol/log';
import { readTranscriptDirectory, verifyTranscript, VerifierPool, type Report } from 'ostraka-verify';
import { EQUATIONS } from 'ostraka-verify/internal';
import { generateElection, type GeneratedElection } from './support/election.js';
import { copyTranscript, TranscriptEditor } from './support/transcript-editor.js';
import { join as joinBytes, lastRound, rewriteLastRound, splitCiphertexts } from './support/back-half.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
// Under the package's node_modules, so that the mutant resolves @noble/* and piscina like the original.
const mutantDir = join(packageDir, 'node_modules', '.cache', 'ostraka-verify-mutant');

type Verifier = { verifyTranscript: typeof verifyTranscript; VerifierPool: typeof VerifierPool };
let mutant: Verifier;
let base: GeneratedElection;
let cheating: GeneratedElection;
let pool: VerifierPool;

/** Copies the compiled verifier and makes `equation` hold for the id named in OSTRAKA_VERIFY_MUTANT. */
async function buildMutant(): Promise<Verifier> {
  rmSync(mutantDir, { recursive: true, force: true });
  mkdirSync(mutantDir, { recursive: true });
  cpSync(join(packageDir, 'dist'), join(mutantDir, 'dist'), { recursive: true });
  writeFileSync(join(mutantDir, 'package.json'), JSON.stringify({ name: 'ostraka-verify-mutant', type: 'module', private: true }));
  const file = join(mutantDir, 'dist', 'report', 'equation.js');
  const original = readFileSync(file, 'utf8');
  const marker = 'return holds;';
  expect(original.split(marker).length - 1, 'equation.js has exactly one `return holds;`').toBe(1);
  writeFileSync(file, original.replace(marker, 'return process.env.OSTRAKA_VERIFY_MUTANT === id ? true : holds;'));
  return (await import(pathToFileURL(join(mutantDir, 'dist', 'index.js')).href)) as Verifier;
}

beforeAll(async () => {
  mutant = await buildMutant();
  base = await generateElection({ voters: 4 });
  cheating = await generateElection({ voters: 2, cheatingDealer: { dealer: 2, to: 3 } });
  pool = new VerifierPool(2);
}, 180_000);

afterAll(async () => {
  await pool?.close();
  for (const g of [base, cheating]) if (g) rmSync(dirname(g.dir), { recursive: true, force: true });
  rmSync(mutantDir, { recursive: true, force: true });
});

const real = (dir: string): Promise<Report> => verifyTranscript(readTranscriptDirectory(dir), { pool });

async function withMutant(id: string, dir: string): Promise<Report> {
  process.env.OSTRAKA_VERIFY_MUTANT = id;
  const mutantPool = new mutant.VerifierPool(1);
  try {
    return await mutant.verifyTranscript(readTranscriptDirectory(dir), { pool: mutantPool as never });
  } finally {
    await mutantPool.close();
    delete process.env.OSTRAKA_VERIFY_MUTANT;
  }
}

const covered = new Set<string>();

/**
 * The real verifier rejects the edited transcript, and the only failing checks are this
 * equation's; the mutant without the equation accepts it.
 */
function killedBy(id: (typeof EQUATIONS)[number], from: () => GeneratedElection, edit: (ed: TranscriptEditor, gen: GeneratedElection) => void | 'written', write: { keepHeads?: boolean } = {}) {
  covered.add(id);
  it(`${id}: a transcript only this equation rejects`, async () => {
    const gen = from();
    const ed = new TranscriptEditor(copyTranscript(gen.dir), gen.keys);
    if (edit(ed, gen) !== 'written') ed.write(write);
    const verdict = await real(ed.dir);
    expect(verdict.ok).toBe(false);
    expect([...new Set(verdict.failures.map((f) => f.check))], JSON.stringify(verdict.failures.slice(0, 4))).toEqual([id]);
    const survivor = await withMutant(id, ed.dir);
    expect(survivor.failures, `the mutant without ${id} must accept`).toEqual([]);
    expect(survivor.ok).toBe(true);
    rmSync(dirname(ed.dir), { recursive: true, force: true });
  });
}

/** An honest transcript the real verifier accepts and the mutant rejects (it misjudges). */
function misjudgedWithout(id: (typeof EQUATIONS)[number], from: () => GeneratedElection, edit: (ed: TranscriptEditor, gen: GeneratedElection) => void = () => {}) {
  covered.add(id);
  it(`${id}: a valid transcript the mutant without it rejects`, async () => {
    const gen = from();
    const ed = new TranscriptEditor(copyTranscript(gen.dir), gen.keys);
    edit(ed, gen);
    ed.write();
    const verdict = await real(ed.dir);
    expect(verdict.failures).toEqual([]);
    const survivor = await withMutant(id, ed.dir);
    expect(survivor.ok, `the mutant without ${id} must misjudge`).toBe(false);
    rmSync(dirname(ed.dir), { recursive: true, force: true });
  });
}

const flipHex = (h: string, at: number) => h.slice(0, at) + (h[at] === '0' ? '1' : '0') + h.slice(at + 1);
const state = (ed: TranscriptEditor, s: string) => ed.find((e) => e.type === 'election.state' && e.payload.state === s);
const b = () => base;

describe('mutation testing: each equation is the only one to catch a tampered transcript', () => {
  killedBy('log.leaf-hash', b, (ed) => {
    ed.write();
    const file = join(ed.dir, 'log/entries-000000.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const e = JSON.parse(lines[5]);
    lines[5] = lines[5].replace(e.leaf_hash, flipHex(e.leaf_hash, 3));
    writeFileSync(file, lines.join('\n'));
    return 'written'; // the editor would recompute the leaf hash
  });

  killedBy('log.entry-signature', b, (ed) => {
    const e = ed.find((x) => x.type === 'election.credentials');
    e.signature = flipHex(e.signature, 9);
  });

  killedBy('log.head-root', b, (ed) => {
    ed.write();
    ed.heads[7] = signTreeHead(ed.boardKey, { ...ed.heads[7], root: 'ab'.repeat(32) }) as never;
  }, { keepHeads: true });

  killedBy('log.head-signature', b, (ed) => {
    ed.write();
    ed.heads[7].signature = flipHex(ed.heads[7].signature, 5);
  }, { keepHeads: true });

  killedBy('api.key-proof', b, (ed) => {
    const e = ed.findAll((x) => x.type === 'peer.create')[1];
    e.payload = { ...e.payload, key_proof: flipHex(e.payload.key_proof, 7) };
    ed.resign(e);
  });

  killedBy('api.text-signature', b, (ed) => {
    // A trustee's text signature altered, and the consensus id recomputed and carried everywhere.
    const contributions = ed.findAll((x) => x.type === 'negotiation.contribute');
    const c = contributions[2];
    const oldConsensus = state(ed, 'key-ceremony').payload.consensus_id;
    c.payload = { ...c.payload, signature: flipHex(c.payload.signature, 11) };
    ed.resign(c);
    const signings: Record<string, string> = {};
    for (const x of contributions) signings[x.signer] = x.payload.signature;
    const id = consensusId(ed.board, c.payload.negotiation_id, c.payload.text, signings);
    ed.replaceEverywhere(oldConsensus, id);
  });

  killedBy('election.consensus-id', b, (ed) => {
    ed.replaceEverywhere(state(ed, 'key-ceremony').payload.consensus_id, 'ab'.repeat(32));
  });

  killedBy('ceremony.file-signature', b, (ed) => {
    const doc = ed.document('trustee.identity', 2);
    const id = JSON.parse(doc.text);
    id.payload.name = 'Mallory';
    ed.setDocument('trustee.identity', 2, JSON.stringify(id));
  });

  killedBy('ceremony.identity-proof', b, (ed, gen) => {
    const f = ed.file('trustee.identity', 3);
    ed.setFile('trustee.identity', 3, { ...f.payload, shareKeyProof: flipHex(f.payload.shareKeyProof, 90) }, gen.keys.trustees[2]);
  });

  killedBy('ceremony.deal-proof', b, (ed, gen) => {
    const f = ed.file('dkg.deal', 1);
    ed.setFile('dkg.deal', 1, { ...f.payload, proof: flipHex(f.payload.proof, 90) }, gen.keys.trustees[0]);
  });

  killedBy('ceremony.joint-key', b, (ed) => {
    const e = state(ed, 'ready');
    e.payload = { ...e.payload, qualified: [1, 2] };
    ed.resign(e);
  });

  killedBy('ceremony.finalization-keys', b, (ed, gen) => {
    const f = ed.file('dkg.finalization', 2);
    ed.setFile('dkg.finalization', 2, { ...f.payload, verificationKey: ed.file('dkg.finalization', 1).payload.verificationKey }, gen.keys.trustees[1]);
  });

  killedBy('ceremony.finalization-proof', b, (ed, gen) => {
    const f = ed.file('dkg.finalization', 1);
    ed.setFile('dkg.finalization', 1, { ...f.payload, proof: flipHex(f.payload.proof, 90) }, gen.keys.trustees[0]);
  });

  killedBy('ballot.proof', b, (ed) => {
    const ballot = ed.findAll((x) => x.type === 'message.inbox')[1];
    ballot.payload = { ...ballot.payload, data: { ...ballot.payload.data, proof: flipHex(ballot.payload.data.proof, 100) } };
    ed.resign(ballot);
  });

  killedBy('ballot.fresh-components', b, (ed) => {
    // The last ballot cast again by its own voter (a distinct statement thanks to a nonce): its
    // proof is valid and the ballot box is unchanged, only the components were cast before.
    const last = ed.findAll((x) => x.type === 'message.inbox').pop()!;
    const again = structuredClone(last);
    again.payload = { ...again.payload, nonce: 'again' };
    ed.resign(again);
    ed.insert(last.index + 1, again);
  });

  killedBy('ballot.box-hash', b, (ed) => {
    const e = state(ed, 'mixing');
    e.payload = { ...e.payload, input_hash: 'ab'.repeat(32) };
    ed.resign(e);
  });

  killedBy('mix.input-hash', b, (ed) => {
    for (const chunk of [...ed.roundChunks(2, 'output'), ...ed.roundChunks(2, 'proof')]) {
      chunk.payload = { ...chunk.payload, data: { ...chunk.payload.data, input_hash: 'ab'.repeat(32) } };
      ed.resign(chunk);
    }
  });

  killedBy('mix.output-hash', b, (ed) => {
    const e = state(ed, 'decrypting');
    e.payload = { ...e.payload, output_hash: 'ab'.repeat(32) };
    ed.resign(e);
  });

  killedBy('shuffle.proof', b, (ed, gen) => {
    const k = lastRound(ed);
    const outs = splitCiphertexts(gen, ed.roundBytes(k, 'output'));
    const p = JSON.parse(ed.document('election.plaintexts', 0).text).plaintexts;
    [outs[0], outs[1]] = [outs[1], outs[0]];
    [p[0], p[1]] = [p[1], p[0]];
    rewriteLastRound(ed, gen, joinBytes(outs), { plaintexts: p });
  });

  killedBy('decryption.partial-proof', b, (ed, gen) => {
    const j = state(ed, 'tallied').payload.decryptions[0] as number;
    const f = ed.file('decryption.partial', j);
    ed.setFile('decryption.partial', j, { ...f.payload, proofs: flipHex(f.payload.proofs, 100) }, gen.keys.trustees[j - 1]);
  });

  killedBy('decryption.plaintexts', b, (ed, gen) => {
    const p = JSON.parse(ed.document('election.plaintexts', 0).text).plaintexts;
    p[1] = p[2] === p[1] ? null : p[2];
    rewriteLastRound(ed, gen, ed.roundBytes(lastRound(ed), 'output'), { plaintexts: p });
  });

  killedBy('tally.plaintexts-hash', b, (ed) => {
    const e = state(ed, 'tallied');
    e.payload = { ...e.payload, plaintexts_hash: 'ab'.repeat(32) };
    ed.resign(e);
  });

  killedBy('tally.count', b, (ed) => {
    const e = state(ed, 'tallied');
    const tally = structuredClone(e.payload.tally);
    tally.questions[1].counts[2] += 1;
    e.payload = { ...e.payload, tally };
    ed.resign(e);
  });

  // The complaint judgement: misjudging is what the mutants do on valid transcripts.
  misjudgedWithout('ceremony.complaint-proof', b, (ed, gen) => {
    // A complaint of trustee 2 against dealer 1 with a shared point it cannot prove: void.
    const f = ed.file('dkg.complaints', 2);
    const sharedPoint = ed.file('trustee.identity', 1).payload.shareKey;
    const one = gen.manifest.group === 'p256' ? '00'.repeat(31) + '01' : '01' + '00'.repeat(31);
    ed.setFile('dkg.complaints', 2, { ...f.payload, complaints: [{ dealer: 1, sharedPoint, proof: one + one }] }, gen.keys.trustees[1]);
  });

  misjudgedWithout('ceremony.share', () => cheating);

  it('covers every equation the verifier checks, and only those', () => {
    expect([...covered].sort()).toEqual([...EQUATIONS].sort());
  });
});

describe('the complaint judgement on the cheating dealer\'s election', () => {
  it('the upheld complaint disqualifies dealer 2: qualified [1, 3]', async () => {
    const r = await real(cheating.dir);
    expect(r.failures).toEqual([]);
    expect(r.notes.some((n) => n.includes('against dealer 2: upheld'))).toBe(true);
    const ready = new TranscriptEditor(copyTranscript(cheating.dir), cheating.keys).find((e) => e.type === 'election.state' && e.payload.state === 'ready');
    expect(ready.payload.qualified).toEqual([1, 3]);
    void toHex;
  });
});
