/**
 * The tamper suite: a small real election's transcript (a served board, the authority's library,
 * in-process trustees and mix rounds, the exporter) verifies, and every mutation of it is
 * rejected with a failure that names the right check and the right place. File-level damage is
 * caught by the first checks; the "re-signed" mutations are what a dishonest party holding keys
 * could produce (the board re-signs its heads, an author re-signs its entry, a trustee its file,
 * the whole back half of the election redone consistently), so only the deeper equations can
 * object.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCiphertext, ElGamal, encodeCiphertext, fromHex, generateSigningKey, groupByName, toHex } from '@ostraka/crypto';
import { createBallot } from '@ostraka/client';
import { signTreeHead } from '@ostraka/protocol/log';
import { createShufflePool } from '@ostraka/shuffle/pool';
import { readTranscriptDirectory, verifyTranscript, VerifierPool, type Report } from 'ostraka-verify';
import { answers, generateElection, type GeneratedElection } from './support/election.js';
import { copyTranscript, TranscriptEditor, type RawEntry } from './support/transcript-editor.js';
import { join as joinBytes, lastRound, rewriteLastRound, splitCiphertexts } from './support/back-half.js';

const ENTRIES = 'log/entries-000000.jsonl';
const HEADS = 'log/heads.jsonl';

let gen: GeneratedElection;
let pool: VerifierPool;

beforeAll(async () => {
  gen = await generateElection({ voters: 5 });
  pool = new VerifierPool(2);
}, 120_000);

afterAll(async () => {
  await pool?.close();
  if (gen) rmSync(dirname(gen.dir), { recursive: true, force: true });
});

const verify = (dir: string, boardKey?: string): Promise<Report> => verifyTranscript(readTranscriptDirectory(dir), { pool, boardKey });
const editor = () => new TranscriptEditor(copyTranscript(gen.dir), gen.keys);
const lineOf = (e: RawEntry) => e.index + 1;

interface Expected {
  /** The check that must fail (any check when absent). */
  check?: string;
  file?: string;
  line?: number;
  index?: number;
  item?: number;
}

function expectRejected(report: Report, expected: Expected): void {
  expect(report.ok, 'the mutated transcript must be invalid').toBe(false);
  expect(report.failures.filter((f) => f.check === 'verifier.internal'), 'the verifier must never crash').toEqual([]);
  const match = report.failures.find(
    (f) =>
      (expected.check === undefined || f.check === expected.check) &&
      (expected.file === undefined || f.file === expected.file) &&
      (expected.line === undefined || f.line === expected.line) &&
      (expected.index === undefined || f.index === expected.index) &&
      (expected.item === undefined || f.item === expected.item),
  );
  expect(match, `expected ${JSON.stringify(expected)} among ${JSON.stringify(report.failures.slice(0, 8), null, 1)}`).toBeDefined();
}

/** A mutation made with the editor; `expect` is computed from the edited transcript. */
async function mutate(apply: (ed: TranscriptEditor) => Expected | void | Promise<Expected | void>, expected?: Expected, write: { keepHeads?: boolean; renumber?: boolean } = {}): Promise<Report> {
  const ed = editor();
  const computed = await apply(ed);
  ed.write(write);
  const report = await verify(ed.dir);
  expectRejected(report, (computed as Expected | undefined) ?? expected!);
  rmSync(dirname(ed.dir), { recursive: true, force: true });
  return report;
}

/** A mutation of the files themselves, no re-signing. */
async function mutateFiles(apply: (dir: string) => Expected): Promise<Report> {
  const dir = copyTranscript(gen.dir);
  const expected = apply(dir);
  const report = await verify(dir);
  expectRejected(report, expected);
  rmSync(dirname(dir), { recursive: true, force: true });
  return report;
}

const read = (dir: string, f: string) => readFileSync(join(dir, f));
const write = (dir: string, f: string, b: Uint8Array | string) => writeFileSync(join(dir, f), b);

/** XORs one byte of a file, at `offset` (default: the middle); returns the 1-based line it is on. */
function flip(dir: string, file: string, offset?: number): number {
  const bytes = read(dir, file);
  const at = offset ?? Math.floor(bytes.length / 2);
  bytes[at] ^= 0x01;
  write(dir, file, bytes);
  return bytes.subarray(0, at).toString('latin1').split('\n').length;
}

/** The byte offset of the middle of line `line` (1-based) of a file. */
function middleOfLine(dir: string, file: string, line: number): number {
  const lines = read(dir, file).toString('latin1').split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return start + Math.floor(lines[line - 1].length / 2);
}

describe('the untouched transcript', () => {
  it('verifies: every check passes, exit code 0', async () => {
    const report = await verify(gen.dir, toHex(gen.keys.board.publicKey));
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.summary.state).toBe('tallied');
    expect(report.summary.ballot_box).toBe(5);
  });
});

describe('damaged files (caught by the form and the first equations)', () => {
  it('a byte flipped in the middle of transcript.json', () => mutateFiles((dir) => (flip(dir, 'transcript.json'), { file: 'transcript.json' })).then(() => undefined));

  for (const [what, pick] of [
    ['the genesis entry', (ed: TranscriptEditor) => ed.entries[0]],
    ['a peer registration', (ed: TranscriptEditor) => ed.find((e) => e.type === 'peer.create')],
    ['the draft (the manifest)', (ed: TranscriptEditor) => ed.find((e) => e.type === 'election.draft')],
    ['a ballot', (ed: TranscriptEditor) => ed.find((e) => e.type === 'message.inbox')],
    ['a chunk of a mix output', (ed: TranscriptEditor) => ed.roundChunks(1, 'output')[0]],
    ['a chunk of a shuffle proof', (ed: TranscriptEditor) => ed.roundChunks(2, 'proof')[0]],
    ['a partial decryption', (ed: TranscriptEditor) => ed.document('decryption.partial', 2).entries[0]],
    ['the tally', (ed: TranscriptEditor) => ed.find((e) => e.type === 'election.state' && e.payload.state === 'tallied')],
  ] as const) {
    it(`a byte flipped in ${what}: the entry's line is named`, async () => {
      const line = lineOf(pick(editor()));
      const report = await mutateFiles((dir) => (flip(dir, ENTRIES, middleOfLine(dir, ENTRIES, line)), { file: ENTRIES, line }));
      expect(report.failures.some((f) => ['log.leaf-hash', 'files.entries'].includes(f.check) && f.line === line)).toBe(true);
    });
  }

  it('a byte flipped in the middle of log/heads.jsonl', async () => {
    let line = 0;
    await mutateFiles((dir) => ((line = flip(dir, HEADS)), { file: HEADS }));
    expect(line).toBeGreaterThan(0);
  });

  it('an invalid UTF-8 byte in an entries file', () =>
    mutateFiles((dir) => {
      const b = read(dir, ENTRIES);
      b[b.length - 10] = 0xff;
      write(dir, ENTRIES, b);
      return { check: 'files.entries', file: ENTRIES };
    }));

  it('transcript.json truncated', () => mutateFiles((dir) => (write(dir, 'transcript.json', read(dir, 'transcript.json').subarray(0, 100)), { check: 'files.index', file: 'transcript.json' })));

  it('an entries file truncated in the middle of a line', () =>
    mutateFiles((dir) => {
      const b = read(dir, ENTRIES);
      write(dir, ENTRIES, b.subarray(0, Math.floor(b.length * 0.6)));
      return { check: 'files.entries', file: ENTRIES };
    }));

  it('an entries file truncated at a line boundary (the last three entries gone)', () =>
    mutateFiles((dir) => {
      const lines = read(dir, ENTRIES).toString('utf8').split('\n');
      write(dir, ENTRIES, lines.slice(0, -4).join('\n') + '\n');
      return { check: 'files.entries', file: ENTRIES };
    }));

  it('an empty entries file', () => mutateFiles((dir) => (write(dir, ENTRIES, ''), { check: 'files.entries', file: ENTRIES })));

  it('heads.jsonl without its last head', () =>
    mutateFiles((dir) => {
      const lines = read(dir, HEADS).toString('utf8').split('\n');
      write(dir, HEADS, lines.slice(0, -2).join('\n') + '\n');
      return { check: 'log.head-order', file: HEADS };
    }));

  it('heads.jsonl truncated in the middle of a line', () =>
    mutateFiles((dir) => {
      const b = read(dir, HEADS);
      write(dir, HEADS, b.subarray(0, b.length - 40));
      return { check: 'files.heads', file: HEADS };
    }));

  it('heads.jsonl missing', () => mutateFiles((dir) => (rmSync(join(dir, HEADS)), { check: 'files.heads', file: HEADS })));
  it('transcript.json missing', () => mutateFiles((dir) => (rmSync(join(dir, 'transcript.json')), { check: 'files.index', file: 'transcript.json' })));
  it('an unknown file added at the top', () => mutateFiles((dir) => (write(dir, 'notes.txt', 'hello'), { check: 'files.layout', file: 'notes.txt' })));
  it('an unknown entries file added', () => mutateFiles((dir) => (write(dir, 'log/entries-000001.jsonl', ''), { check: 'files.layout', file: 'log/entries-000001.jsonl' })));

  it('a line of the log not in canonical form (a space added)', () =>
    mutateFiles((dir) => {
      const lines = read(dir, ENTRIES).toString('utf8').split('\n');
      lines[4] = lines[4].replace('":', '": ');
      write(dir, ENTRIES, lines.join('\n'));
      return { check: 'files.entries', file: ENTRIES, line: 5 };
    }));

  it('two lines of the log swapped', () =>
    mutateFiles((dir) => {
      const lines = read(dir, ENTRIES).toString('utf8').split('\n');
      [lines[7], lines[8]] = [lines[8], lines[7]];
      write(dir, ENTRIES, lines.join('\n'));
      return { check: 'files.entries', file: ENTRIES, line: 8 };
    }));

  it('two heads swapped', () =>
    mutateFiles((dir) => {
      const lines = read(dir, HEADS).toString('utf8').split('\n');
      [lines[3], lines[4]] = [lines[4], lines[3]];
      write(dir, HEADS, lines.join('\n'));
      return { check: 'log.head-order', file: HEADS, line: 5 };
    }));
});

describe('the log and its heads (re-signed by the board where it helps the forger)', () => {
  it('log entries reordered (two ballots exchanged, re-hashed, heads re-signed)', () =>
    mutate((ed) => {
      const ballots = ed.findAll((e) => e.type === 'message.inbox');
      const [i, j] = [ballots[1].index, ballots[2].index];
      [ed.entries[i], ed.entries[j]] = [ed.entries[j], ed.entries[i]];
      return { check: 'log.received', file: ENTRIES, line: j + 1 };
    }));

  it('a signed tree head changed (its root, not re-signed)', () =>
    mutate((ed) => {
      ed.heads[10].root = 'ab'.repeat(32);
      return { check: 'log.head-signature', file: HEADS, line: 11 };
    }, undefined, { keepHeads: true }));

  it('the board signs a head with a root that is not the log\'s', () =>
    mutate((ed) => {
      ed.write();
      ed.heads[10] = signTreeHead(ed.boardKey, { ...ed.heads[10], root: 'ab'.repeat(32) }) as never;
      return { check: 'log.head-root', file: HEADS, line: 11 };
    }, undefined, { keepHeads: true }));

  it('the board signs a head with an earlier timestamp than the one before', () =>
    mutate((ed) => {
      ed.write();
      const h = ed.heads[20];
      ed.heads[20] = signTreeHead(ed.boardKey, { board: h.board, size: h.size, root: h.root, timestamp: ed.heads[19].timestamp - 1000 }) as never;
      return { check: 'log.head-order', file: HEADS, line: 21 };
    }, undefined, { keepHeads: true }));

  it('a whole log re-signed by another board key: caught when the real key is pinned', async () => {
    const ed = editor();
    const fake = generateSigningKey();
    const genesis = ed.entries[0];
    genesis.payload = { ...genesis.payload, board_key: toHex(fake.publicKey), board_key_id: (await import('@ostraka/protocol/log')).keyId(fake.publicKey) };
    ed.signAs(genesis, fake);
    ed.index.board.public_key = toHex(fake.publicKey);
    ed.keys.set(ed.entries[0].signer, fake);
    ed.write();
    const unpinned = await verify(ed.dir);
    expect(unpinned.ok).toBe(true);
    expect(unpinned.notes.some((n) => n.includes('not pinned'))).toBe(true);
    const pinned = await verify(ed.dir, toHex(gen.keys.board.publicKey));
    expectRejected(pinned, { check: 'log.board-key', file: 'transcript.json' });
  });

  it('an entry signed by a key nobody registered', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'cycle.create');
      ed.signAs(e, generateSigningKey());
      return { check: 'api.author', line: lineOf(e) };
    }));

  it('an entry whose signer is not the key id of its author', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'negotiation.create');
      e.signer = 'ab'.repeat(16);
      return { check: 'log.signer', line: lineOf(e) };
    }));

  it('an author signature that does not verify (the signature changed, leaf re-hashed)', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'election.credentials');
      e.signature = e.signature.slice(0, 10) + (e.signature[10] === '0' ? '1' : '0') + e.signature.slice(11);
      return { check: 'log.entry-signature', line: lineOf(e) };
    }));

  it('a leaf hash that is not the entry\'s', () =>
    mutateFiles((dir) => {
      const lines = read(dir, ENTRIES).toString('utf8').split('\n');
      const e = JSON.parse(lines[3]);
      lines[3] = lines[3].replace(e.leaf_hash, 'cd'.repeat(32));
      write(dir, ENTRIES, lines.join('\n'));
      return { check: 'log.leaf-hash', file: ENTRIES, line: 4, index: 3 };
    }));

  it('a replayed statement (an entry posted twice)', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'negotiation.create');
      ed.insert(ed.entries.length, { ...structuredClone(e), received: ed.entries[ed.entries.length - 1].received });
      return { check: 'log.replay', line: ed.entries.length };
    }));

  it('an entry received earlier than the one before it', () =>
    mutate((ed) => {
      const e = ed.entries[30];
      e.received = ed.entries[29].received - 5000;
      return { check: 'log.received', line: 31 };
    }));

  it('an entry signed by the board key other than the genesis', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'negotiation.create');
      ed.signAs(e, gen.keys.board);
      return { check: 'api.author', line: lineOf(e) };
    }));

  it('an entry of a type nobody defined', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'negotiation.create');
      e.type = 'board.extension';
      ed.resign(e);
      return { check: 'api.entry-type', line: lineOf(e) };
    }));
});

describe('the seed API replayed', () => {
  it('a cycle created with the wrong id', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'cycle.create');
      e.payload = { ...e.payload, cycle_id: 2 };
      ed.resign(e);
      return { check: 'api.cycle', line: lineOf(e) };
    }));

  it('a negotiation contribution whose text signature does not verify', () =>
    mutate((ed) => {
      const e = ed.findAll((x) => x.type === 'negotiation.contribute')[1];
      e.payload = { ...e.payload, signature: 'ab'.repeat(64) };
      ed.resign(e);
      return { check: 'api.text-signature', line: lineOf(e) };
    }));

  it('a peer registered without proof of possession of its key', () =>
    mutate((ed) => {
      const e = ed.findAll((x) => x.type === 'peer.create')[2];
      e.payload = { ...e.payload, key_proof: 'ab'.repeat(64) };
      ed.resign(e);
      return { check: 'api.key-proof', line: lineOf(e) };
    }));

  it('a message to a closed inbox (a ballot moved after the close)', () =>
    mutate((ed) => {
      const ballot = ed.findAll((x) => x.type === 'message.inbox')[2];
      const close = ed.find((x) => x.type === 'cycle.update' && x.payload.action === 'close' && x.signer === ballot.payload.peer_id);
      ed.remove(ballot.index);
      ballot.received = close.received;
      ed.insert(close.index + 1, ballot);
      return { check: 'api.inbox', line: ballot.index + 1 };
    }));
});

describe('ballots', () => {
  const state = (ed: TranscriptEditor, s: string) => ed.find((e) => e.type === 'election.state' && e.payload.state === s);

  it('a ballot dropped from the log: the ballot box is not the one mixed', () =>
    mutate((ed) => {
      const ballot = ed.findAll((x) => x.type === 'message.inbox')[1];
      ed.remove(ballot.index);
      return { check: 'ballot.box-hash', line: state(ed, 'mixing').index + 1 };
    }));

  it('a ballot duplicated (posted twice)', () =>
    mutate((ed) => {
      const ballot = ed.findAll((x) => x.type === 'message.inbox')[1];
      ed.insert(ballot.index + 1, structuredClone(ballot));
      return { check: 'log.replay', line: ballot.index + 2 };
    }));

  it('a ballot added (a valid new ballot of a voter who had voted: the box changes)', () =>
    mutate((ed) => {
      const last = ed.findAll((x) => x.type === 'message.inbox').pop()!;
      const credential = gen.keys.credentials[2];
      const data = createBallot(gen.manifest, gen.jointKey, answers(7), credential);
      const e: RawEntry = { ...structuredClone(last), payload: { ...last.payload, data: data as never, sender: '' } };
      ed.signAs(e, credential);
      e.payload.sender = e.signer;
      ed.resign(e);
      ed.insert(last.index + 1, e);
      return { check: 'ballot.box-hash', line: state(ed, 'mixing').index + 1 };
    }));

  it('a ballot cast after voting closed', () =>
    mutate((ed) => {
      const last = ed.findAll((x) => x.type === 'message.inbox').pop()!;
      const closed = state(ed, 'voting-closed');
      const credential = gen.keys.credentials[1];
      const e: RawEntry = { ...structuredClone(last), received: closed.received, payload: { ...last.payload, data: createBallot(gen.manifest, gen.jointKey, answers(3), credential) as never } };
      ed.signAs(e, credential);
      e.payload.sender = e.signer;
      ed.resign(e);
      ed.insert(closed.index + 1, e);
      return { check: 'election.ballot', line: closed.index + 2 };
    }));

  it('a ballot copied by another voter (same ciphertext and proof, the copier\'s credential)', () =>
    mutate((ed) => {
      const [a, b] = ed.findAll((x) => x.type === 'message.inbox');
      b.payload = { ...b.payload, data: { ...a.payload.data, credential: b.payload.data.credential } };
      ed.resign(b);
      return { check: 'ballot.proof', line: lineOf(b) };
    }));

  it('a ballot whose proof was altered (re-signed by its credential)', () =>
    mutate((ed) => {
      const b = ed.findAll((x) => x.type === 'message.inbox')[3];
      const proof = b.payload.data.proof as string;
      b.payload = { ...b.payload, data: { ...b.payload.data, proof: proof.slice(0, 70) + (proof[70] === '0' ? '1' : '0') + proof.slice(71) } };
      ed.resign(b);
      return { check: 'ballot.proof', line: lineOf(b) };
    }));

  it('a ballot with a ciphertext element that is not in the group (re-signed)', () =>
    mutate((ed) => {
      const b = ed.findAll((x) => x.type === 'message.inbox')[3];
      const ct = b.payload.data.ciphertext as string;
      b.payload = { ...b.payload, data: { ...b.payload.data, ciphertext: 'ff'.repeat(32) + ct.slice(64) } };
      ed.resign(b);
      return { check: 'election.ballot', line: lineOf(b) };
    }));
});

describe('mixing', () => {
  const state = (ed: TranscriptEditor, s: string) => ed.find((e) => e.type === 'election.state' && e.payload.state === s);
  const oldPlaintexts = (ed: TranscriptEditor) => JSON.parse(ed.document('election.plaintexts', 0).text).plaintexts as (string | null)[];

  it('two outputs of the last mix swapped, decryption and tally redone consistently: only the shuffle proof objects', async () => {
    const report = await mutate((ed) => {
      const k = lastRound(ed);
      const outs = splitCiphertexts(gen, ed.roundBytes(k, 'output'));
      const p = oldPlaintexts(ed);
      [outs[0], outs[3]] = [outs[3], outs[0]];
      [p[0], p[3]] = [p[3], p[0]];
      rewriteLastRound(ed, gen, joinBytes(outs), { plaintexts: p });
      return { check: 'shuffle.proof', line: ed.roundChunks(k, 'proof').pop()!.index + 1 };
    });
    expect(new Set(report.failures.map((f) => f.check))).toEqual(new Set(['shuffle.proof']));
  });

  it('two outputs of the first mix swapped, nothing else: its proof and the next round\'s input hash object', () =>
    mutate((ed) => {
      const outs = splitCiphertexts(gen, ed.roundBytes(1, 'output'));
      [outs[1], outs[2]] = [outs[2], outs[1]];
      ed.setRoundBytes(1, 'output', joinBytes(outs));
      return { check: 'shuffle.proof', line: ed.roundChunks(1, 'proof').pop()!.index + 1 };
    }));

  it('an output replaced by a fresh re-encryption of another ballot, the rest consistent: only the shuffle proof objects', async () => {
    const report = await mutate((ed) => {
      const k = lastRound(ed);
      const group = groupByName(gen.manifest.group);
      const outs = splitCiphertexts(gen, ed.roundBytes(k, 'output'));
      const width = outs[0].length / (2 * group.elementLength);
      const elgamal = new ElGamal(group, group.decode(fromHex(gen.jointKey)));
      outs[1] = encodeCiphertext(group, elgamal.reEncrypt(decodeCiphertext(group, outs[2], width)).ciphertext);
      const p = oldPlaintexts(ed);
      p[1] = p[2];
      rewriteLastRound(ed, gen, joinBytes(outs), { plaintexts: p });
      return { check: 'shuffle.proof', line: ed.roundChunks(k, 'proof').pop()!.index + 1 };
    });
    expect(new Set(report.failures.map((f) => f.check))).toEqual(new Set(['shuffle.proof']));
  });

  it('a generator seed changed: the last round shuffled and proven honestly for another round\'s generators', async () => {
    const ed = editor();
    const k = lastRound(ed);
    const input = ed.roundBytes(k - 1, 'output');
    const shuffler = createShufflePool({ workers: 1 });
    try {
      const statement = { group: gen.manifest.group, publicKey: fromHex(gen.jointKey), width: splitCiphertexts(gen, input)[0].length / (2 * groupByName(gen.manifest.group).elementLength), election: gen.manifest.id, round: 99 };
      const { outputs, secret } = await shuffler.shuffle(statement as never, input);
      const proof = await shuffler.prove(statement as never, input, outputs, secret);
      rewriteLastRound(ed, gen, outputs, { proof });
    } finally {
      await shuffler.close();
    }
    ed.write();
    const report = await verify(ed.dir);
    expectRejected(report, { check: 'shuffle.proof', line: ed.roundChunks(k, 'proof').pop()!.index + 1 });
    expect(new Set(report.failures.map((f) => f.check))).toEqual(new Set(['shuffle.proof']));
  });

  it('a round whose input_hash is not the previous output', () =>
    mutate((ed) => {
      const chunk = ed.roundChunks(2, 'output')[0];
      chunk.payload = { ...chunk.payload, data: { ...chunk.payload.data, input_hash: 'ab'.repeat(32) } };
      ed.resign(chunk);
      return { check: 'mix.input-hash', line: lineOf(chunk) };
    }));

  it('a round posted by another mix server than the manifest names', () =>
    mutate((ed) => {
      const first = ed.roundChunks(1, 'output')[0];
      ed.signAs(first, gen.keys.mixServers[1]);
      return { check: 'election.mix-round', line: lineOf(first) };
    }));

  it('a chunk of a mix output that is not hex (re-signed by the mix server): not a round chunk, so round 1 is incomplete', () =>
    mutate((ed) => {
      const chunk = ed.roundChunks(1, 'output')[1];
      chunk.payload = { ...chunk.payload, data: { ...chunk.payload.data, bytes: 'zz' + chunk.payload.data.bytes.slice(2) } };
      ed.resign(chunk);
      // Depending on where the chunk falls, round 1 is short (its output length) or never complete (round 2 out of order).
      return { check: 'election.mix-round' };
    }));

  it('a round whose output has one ciphertext fewer than its input', () =>
    mutate((ed) => {
      const outs = splitCiphertexts(gen, ed.roundBytes(1, 'output'));
      ed.setRoundBytes(1, 'output', joinBytes(outs.slice(1)));
      return { check: 'election.mix-round', line: ed.roundChunks(1, 'proof').pop()!.index + 1 };
    }));

  it('the decrypting transition names another list than the last output', () =>
    mutate((ed) => {
      const e = state(ed, 'decrypting');
      e.payload = { ...e.payload, output_hash: 'ab'.repeat(32) };
      ed.resign(e);
      return { check: 'mix.output-hash', line: lineOf(e) };
    }));
});

describe('decryption and tally', () => {
  const state = (ed: TranscriptEditor, s: string) => ed.find((e) => e.type === 'election.state' && e.payload.state === s);

  it('one tally count changed', () =>
    mutate((ed) => {
      const e = state(ed, 'tallied');
      const tally = structuredClone(e.payload.tally);
      tally.questions[0].counts[0] += 1;
      e.payload = { ...e.payload, tally };
      ed.resign(e);
      return { check: 'tally.count', line: lineOf(e) };
    }));

  it('one plaintext changed, with its hash and the tally made consistent: only the decryption objects', async () => {
    const report = await mutate((ed) => {
      const doc = JSON.parse(ed.document('election.plaintexts', 0).text);
      const p = doc.plaintexts as (string | null)[];
      p[2] = p[4];
      const outs = ed.roundBytes(lastRound(ed), 'output');
      rewriteLastRound(ed, gen, outs, { plaintexts: p });
      return { check: 'decryption.plaintexts', item: 2 };
    });
    expect(new Set(report.failures.map((f) => f.check))).toEqual(new Set(['decryption.plaintexts']));
  });

  it('one plaintext replaced by null (an "invalid ballot"), hash and tally consistent', () =>
    mutate((ed) => {
      const p = JSON.parse(ed.document('election.plaintexts', 0).text).plaintexts;
      p[0] = null;
      rewriteLastRound(ed, gen, ed.roundBytes(lastRound(ed), 'output'), { plaintexts: p });
      return { check: 'decryption.plaintexts', item: 0 };
    }));

  it('the plaintexts hash is not the document\'s', () =>
    mutate((ed) => {
      const e = state(ed, 'tallied');
      e.payload = { ...e.payload, plaintexts_hash: 'ab'.repeat(32) };
      ed.resign(e);
      return { check: 'tally.plaintexts-hash', line: lineOf(e) };
    }));

  it('a partial decryption removed from the log', () =>
    mutate((ed) => {
      const used = state(ed, 'tallied').payload.decryptions as number[];
      const doc = ed.document('decryption.partial', used[1]).entries[0];
      ed.remove(doc.index);
      return { check: 'election.transition', line: state(ed, 'tallied').index + 1 };
    }));

  it('a partial decryption corrupted (a factor replaced; the trustee re-signs its file)', () =>
    mutate((ed) => {
      const used = state(ed, 'tallied').payload.decryptions as number[];
      const j = used[0];
      const file = ed.file('decryption.partial', j);
      const L = groupByName(gen.manifest.group).elementLength;
      const other = file.payload.factors.slice(2 * L, 4 * L);
      file.payload.factors = other + file.payload.factors.slice(2 * L);
      ed.setFile('decryption.partial', j, file.payload, gen.keys.trustees[j - 1]);
      return { check: 'decryption.partial-proof', line: ed.document('decryption.partial', j).entries[0].index + 1, item: 0 };
    }));

  it('the tally names fewer than t trustees', () =>
    mutate((ed) => {
      const e = state(ed, 'tallied');
      e.payload = { ...e.payload, decryptions: [e.payload.decryptions[0]] };
      ed.resign(e);
      return { check: 'election.transition', line: lineOf(e) };
    }));
});

describe('the election state and the key ceremony', () => {
  const state = (ed: TranscriptEditor, s: string) => ed.find((e) => e.type === 'election.state' && e.payload.state === s);

  it('the joint key replaced in the ready transition', () =>
    mutate((ed) => {
      const e = state(ed, 'ready');
      e.payload = { ...e.payload, joint_key: toHex(groupByName(gen.manifest.group).encode(groupByName(gen.manifest.group).generator)) };
      ed.resign(e);
      return { check: 'ceremony.joint-key', line: lineOf(e) };
    }));

  it('the consensus id changed everywhere it appears (all re-signed)', () =>
    mutate((ed) => {
      const e = state(ed, 'key-ceremony');
      ed.replaceEverywhere(e.payload.consensus_id, 'ab'.repeat(32));
      return { check: 'election.consensus-id', line: lineOf(e) };
    }));

  it('the manifest changed in the draft (no longer the agreed text)', () =>
    mutate((ed) => {
      const e = ed.find((x) => x.type === 'election.draft');
      e.payload = { ...e.payload, manifest: { ...e.payload.manifest, title: 'Another election' } };
      ed.resign(e);
      return { check: 'election.transition', line: state(ed, 'key-ceremony').index + 1 };
    }));

  it('a state skipped (voting-closed removed)', () =>
    mutate((ed) => {
      const e = state(ed, 'voting-closed');
      ed.remove(e.index);
      return { check: 'election.transition', line: state(ed, 'mixing').index + 1 };
    }));

  it('an incomplete transcript (the log stops before the tally)', () =>
    mutate((ed) => {
      ed.remove(state(ed, 'tallied').index);
      return { check: 'election.complete', file: 'transcript.json' };
    }));

  it('a trustee identity whose share-key proof does not verify (re-signed by the trustee)', () =>
    mutate((ed) => {
      const f = ed.file('trustee.identity', 2);
      f.payload.shareKeyProof = f.payload.shareKeyProof.slice(0, 80) + (f.payload.shareKeyProof[80] === '0' ? '1' : '0') + f.payload.shareKeyProof.slice(81);
      ed.setFile('trustee.identity', 2, f.payload, gen.keys.trustees[1]);
      return { check: 'ceremony.identity-proof', line: ed.document('trustee.identity', 2).entries[0].index + 1 };
    }));

  it('a deal whose proof of knowledge does not verify (re-signed by the dealer)', () =>
    mutate((ed) => {
      const f = ed.file('dkg.deal', 3);
      f.payload.proof = f.payload.proof.slice(0, 80) + (f.payload.proof[80] === '0' ? '1' : '0') + f.payload.proof.slice(81);
      ed.setFile('dkg.deal', 3, f.payload, gen.keys.trustees[2]);
      return { check: 'ceremony.deal-proof', line: ed.document('dkg.deal', 3).entries[0].index + 1 };
    }));

  it('a trustee file edited without its author\'s signature (a name changed)', () =>
    mutate((ed) => {
      const doc = ed.document('trustee.identity', 1);
      const id = JSON.parse(doc.text);
      id.payload.name = 'Mallory';
      ed.setDocument('trustee.identity', 1, JSON.stringify(id));
      return { check: 'ceremony.file-signature', line: doc.entries[0].index + 1 };
    }));

  it('a finalization whose verification key is not the ceremony\'s (re-signed by the trustee)', () =>
    mutate((ed) => {
      const f = ed.file('dkg.finalization', 1);
      f.payload.verificationKey = ed.file('dkg.finalization', 2).payload.verificationKey;
      ed.setFile('dkg.finalization', 1, f.payload, gen.keys.trustees[0]);
      return { check: 'ceremony.finalization-keys', line: ed.document('dkg.finalization', 1).entries[0].index + 1 };
    }));

  it('a finalization whose proof of knowledge of the key share does not verify', () =>
    mutate((ed) => {
      const f = ed.file('dkg.finalization', 3);
      f.payload.proof = f.payload.proof.slice(0, 80) + (f.payload.proof[80] === '0' ? '1' : '0') + f.payload.proof.slice(81);
      ed.setFile('dkg.finalization', 3, f.payload, gen.keys.trustees[2]);
      return { check: 'ceremony.finalization-proof', line: ed.document('dkg.finalization', 3).entries[0].index + 1 };
    }));
});

describe('more damage', () => {
  it('appending garbage to a complete entries file is caught too', () =>
    mutateFiles((dir) => (appendFileSync(join(dir, ENTRIES), '{}\n'), { check: 'files.entries', file: ENTRIES })));
});
