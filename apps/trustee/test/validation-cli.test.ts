/**
 * Strict input, safe output: every malformed, foreign or damaged file is refused with the file and
 * the field named and nothing written; the keystore never holds a secret in clear and refuses a
 * wrong passphrase or any alteration; existing outputs are never silently replaced.
 */
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '@ostraka/crypto';
import { unlockKeystore } from '@ostraka/trustee';
import { electionDir, PASSPHRASE, readJson } from './election.js';
import { trustee, type Run } from './harness.js';

const { dir } = electionDir({ id: 'school-board', trustees: { threshold: 2, count: 3 } });
const secret = ['--passphrase-file', 'pass.txt'];
const ks = (j: number) => ['--keystore', `trustee-${j}.keystore.json`];
const withRoster = ['--manifest', 'manifest.json', '--roster', 'roster.json'];
const deals = ['deal-1.json', 'deal-2.json', 'deal-3.json'];
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const write = (name: string, content: string) => writeFileSync(join(dir, name), content);
const listing = () => readdirSync(dir).sort().join(',') + readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs).join(',');

function ok(...args: string[]): Run {
  const run = trustee(dir, ...args);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

/** Runs a step that must fail: exit code, message, and no file created or changed. */
function refused(code: 1 | 2, message: RegExp, ...args: string[]): void {
  const before = listing();
  const run = trustee(dir, ...args);
  expect(run.stderr).toMatch(message);
  expect(run.code, run.stderr).toBe(code);
  expect(listing()).toBe(before);
  expect(run.network).toEqual([]);
}

/** A copy of a JSON file with one change, under a new name. */
function altered(from: string, to: string, change: (value: any) => void): string {
  const value = JSON.parse(text(from));
  change(value);
  write(to, JSON.stringify(value));
  return to;
}

beforeAll(() => {
  for (const j of [1, 2, 3]) ok('init', '--manifest', 'manifest.json', '--index', String(j), '--name', `T${j}`, ...secret, '--kdf-cost', '14');
  ok('roster', '--manifest', 'manifest.json', '--out', 'roster.json', 'trustee-1.identity.json', 'trustee-2.identity.json', 'trustee-3.identity.json');
  for (const j of [1, 2, 3]) ok('dkg', 'deal', ...ks(j), ...withRoster, ...secret);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('strict validation of every file read', () => {
  it('bad JSON, naming the file', () => {
    write('broken.json', '{"id": "school-board",');
    refused(2, /^error: broken\.json: not valid JSON/m, 'dkg', 'deal', ...ks(1), '--manifest', 'broken.json', '--roster', 'roster.json', ...secret);
    refused(2, /^error: missing\.json: no such file/m, 'dkg', 'deal', ...ks(1), '--manifest', 'missing.json', '--roster', 'roster.json', ...secret);
  });

  it('a field that fails validation, naming file and field', () => {
    altered('manifest.json', 'm-threshold.json', (m) => (m.trustees.threshold = 4));
    refused(2, /m-threshold\.json: trustees\.threshold: threshold must not exceed count/, 'dkg', 'deal', ...ks(1), '--manifest', 'm-threshold.json', '--roster', 'roster.json', ...secret);
    altered('deal-2.json', 'deal-extra.json', (d) => (d.payload.note = 'hi'));
    refused(2, /deal-extra\.json: payload: Unrecognized key: "note"/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-extra.json');
  });

  it('text from a file cannot drive the terminal: control characters are printed escaped', () => {
    altered('deal-2.json', 'deal-escape.json', (d) => (d.payload['\u001b[2J\u009b31m'] = 1));
    const run = trustee(dir, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-escape.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\u{1b}[2J\\u{9b}31m');
    expect(run.stderr).not.toMatch(/[\u001b\u009b]/);
  });

  it('a bad encoding: a non-canonical element, upper-case hex, a truncated share', () => {
    altered('deal-2.json', 'deal-point.json', (d) => (d.payload.commitments[1] = 'ff'.repeat(32)));
    refused(2, /deal-point\.json: payload\.commitments\[1\]: not a canonical field element/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-point.json');
    altered('deal-2.json', 'deal-case.json', (d) => (d.payload.shares[0].ephemeral = d.payload.shares[0].ephemeral.toUpperCase()));
    refused(2, /deal-case\.json: payload\.shares\[0\]\.ephemeral: expected lower-case hex/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-case.json');
    altered('deal-2.json', 'deal-short.json', (d) => (d.payload.proof = d.payload.proof.slice(2)));
    refused(2, /deal-short\.json: payload\.proof: expected 64 bytes, got 63/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-short.json');
  });

  it('the wrong election', () => {
    altered('manifest.json', 'm-other.json', (m) => (m.id = 'other-election'));
    refused(2, /roster\.json: election: expected election "other-election", got "school-board"/, 'dkg', 'deal', ...ks(1), '--manifest', 'm-other.json', '--roster', 'roster.json', ...secret);
    ok('init', '--manifest', 'm-other.json', '--index', '1', '--name', 'T1', '--keystore', 'other.keystore.json', '--out', 'other.identity.json', ...secret, '--kdf-cost', '14');
    refused(2, /other\.keystore\.json: election: this keystore is for election "other-election", the manifest for "school-board"/, 'dkg', 'deal', '--keystore', 'other.keystore.json', ...withRoster, ...secret);
    altered('deal-2.json', 'deal-election.json', (d) => (d.payload.election = 'other-election'));
    refused(2, /deal-election\.json: payload\.election: expected election "school-board", got "other-election"/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-election.json');
  });

  it('the wrong trustee: a file claiming another author, a roster without my identity, a trustee out of range', () => {
    altered('deal-2.json', 'deal-author.json', (d) => (d.payload.dealer = 3));
    refused(1, /deal-author\.json: signature: the deal is not signed by dealer 3/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-author.json');
    altered('roster.json', 'roster-swapped.json', (r) => {
      const other = JSON.parse(text('trustee-1.identity.json'));
      r.trustees[1] = { ...other, payload: { ...other.payload, trustee: 2 } };
    });
    refused(1, /roster-swapped\.json: signature: the identity of trustee 2 is not signed by its signing key/, 'dkg', 'deal', ...ks(2), '--manifest', 'manifest.json', '--roster', 'roster-swapped.json', ...secret);
    altered('deal-2.json', 'deal-range.json', (d) => (d.payload.dealer = 9));
    refused(2, /deal-range\.json: payload\.dealer: no trustee 9 in a roster of 3/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, 'deal-range.json');
    refused(2, /deal-1\.json: payload\.type: expected one of dkg\.deal, dkg\.complaints, got "trustee\.roster"|roster\.json: payload\.type: expected one of/, 'dkg', 'finalize', ...ks(1), ...withRoster, ...secret, 'roster.json');
  });

  it('usage errors: unknown option, missing option, a secret on the command line', () => {
    refused(2, /Unknown option '--passphrase'/, 'dkg', 'deal', ...ks(1), ...withRoster, '--passphrase', PASSPHRASE);
    refused(2, /--roster is required/, 'dkg', 'deal', ...ks(1), '--manifest', 'manifest.json', ...secret);
    refused(2, /unknown step "dkg shuffle"/, 'dkg', 'shuffle');
    refused(2, /--name must have 1 to 200 characters, none of them control or formatting characters/, 'init', '--manifest', 'manifest.json', '--index', '3', '--name', 'Eve \u202e', '--keystore', 'new.json', '--out', 'new-id.json', ...secret);
    refused(2, /--kdf-cost must be an integer from 14 to 20, got "10"/, 'init', '--manifest', 'manifest.json', '--index', '3', '--name', 'x', '--keystore', 'new.json', '--out', 'new-id.json', ...secret, '--kdf-cost', '10');
  });

  it('every step has --help', () => {
    for (const s of [['init'], ['roster'], ['dkg', 'deal'], ['dkg', 'receive'], ['dkg', 'finalize'], ['decrypt'], ['check']]) {
      const run = ok(...s, '--help');
      expect(run.stdout).toMatch(new RegExp(`^usage: ostraka trustee ${s.join(' ')} `));
    }
    expect(ok('--help').stdout).toMatch(/dkg finalize/);
  });
});

describe('the keystore', () => {
  it('holds no secret in clear, and only its owner can read it', () => {
    const keystore = text('trustee-1.keystore.json');
    expect(statSync(join(dir, 'trustee-1.keystore.json')).mode & 0o777).toBe(0o600);
    const opened = unlockKeystore(join(dir, 'trustee-1.keystore.json'), PASSPHRASE);
    for (const s of [toHex(opened.signingKey.secretKey), toHex(opened.group.scalars.encode(opened.shareSecret)), toHex(opened.dealSeed)]) expect(keystore).not.toContain(s);
    for (const j of [1, 2, 3]) expect(text(`trustee-${j}.identity.json`)).not.toContain(toHex(opened.signingKey.secretKey));
    expect(JSON.parse(keystore).kdf).toMatchObject({ name: 'scrypt', logN: 14, r: 8, p: 1 });
  });

  it('refuses a wrong passphrase and every alteration, with a clear error', () => {
    write('wrong-pass.txt', 'not the passphrase at all\n');
    refused(2, /the keystore does not open: wrong passphrase, or the keystore file was damaged or altered/, 'dkg', 'deal', ...ks(1), ...withRoster, '--passphrase-file', 'wrong-pass.txt');
    const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
    for (const [name, change] of [
      ['ks-secrets.json', (k: any) => (k.secrets = flip(k.secrets))],
      ['ks-index.json', (k: any) => (k.trustee = 2)],
      ['ks-salt.json', (k: any) => (k.kdf.salt = flip(k.kdf.salt))],
      ['ks-nonce.json', (k: any) => (k.cipher.nonce = flip(k.cipher.nonce))],
    ] as const) {
      altered('trustee-1.keystore.json', name, change);
      refused(2, /does not open|is inconsistent/, 'dkg', 'deal', '--keystore', name, ...withRoster, ...secret);
    }
    altered('trustee-1.keystore.json', 'ks-cost.json', (k) => (k.kdf.logN = 40));
    refused(2, /ks-cost\.json: kdf\.logN/, 'dkg', 'deal', '--keystore', 'ks-cost.json', ...withRoster, ...secret);
    write('ks-truncated.json', text('trustee-1.keystore.json').slice(0, 200));
    refused(2, /ks-truncated\.json: not valid JSON/, 'dkg', 'deal', '--keystore', 'ks-truncated.json', ...withRoster, ...secret);
  });

  it('refuses a short passphrase, a missing one, and never overwrites a keystore', () => {
    write('short.txt', 'tooshort\n');
    refused(2, /at least 12 characters/, 'init', '--manifest', 'manifest.json', '--index', '3', '--name', 'x', '--keystore', 'n.json', '--out', 'n-id.json', '--passphrase-file', 'short.txt', '--kdf-cost', '14');
    refused(2, /no passphrase: run the command in a terminal, or give --passphrase-file FILE/, 'dkg', 'deal', ...ks(1), ...withRoster);
    refused(2, /trustee-2\.keystore\.json: already exists/, 'init', '--manifest', 'manifest.json', '--index', '2', '--name', 'x', '--out', 'n-id.json', ...secret, '--kdf-cost', '14');
  });

  it('warns when the passphrase file is readable by others', () => {
    write('open-pass.txt', PASSPHRASE);
    chmodSync(join(dir, 'open-pass.txt'), 0o644);
    const run = trustee(dir, 'dkg', 'deal', ...ks(1), ...withRoster, '--passphrase-file', 'open-pass.txt', '--out', 'deal-again.json');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: open-pass\.txt is readable by other users/);
    // The dealer polynomial comes from the keystore: dealing again gives the same commitments.
    expect((readJson(dir, 'deal-again.json') as any).payload.commitments).toEqual((readJson(dir, 'deal-1.json') as any).payload.commitments);
  });
});

describe('outputs', () => {
  it('never replaces an existing file without --force, and leaves no temporary file', () => {
    const before = text('deal-1.json');
    refused(2, /deal-1\.json: already exists \(nothing was written; use --force to replace it\)/, 'dkg', 'deal', ...ks(1), ...withRoster, ...secret);
    ok('dkg', 'deal', ...ks(1), ...withRoster, ...secret, '--force');
    expect(JSON.parse(text('deal-1.json')).payload.commitments).toEqual(JSON.parse(before).payload.commitments);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('receive writes complaints only when every deal file is valid', () => {
    refused(2, /deal-point\.json: payload\.commitments\[1\]/, 'dkg', 'receive', ...ks(1), ...withRoster, ...secret, ...deals, 'deal-point.json');
    ok('dkg', 'receive', ...ks(1), ...withRoster, ...secret, ...deals);
    expect(readJson(dir, 'complaints-1.json')).toMatchObject({ payload: { type: 'dkg.complaints', trustee: 1, complaints: [] } });
  });

  it('finalize needs every trustee’s complaints file, and running it again gives the same key share', () => {
    for (const j of [2, 3]) ok('dkg', 'receive', ...ks(j), ...withRoster, ...secret, ...deals);
    refused(2, /no complaints file from trustee\(s\) 3: give every complaints file from the board/, 'dkg', 'finalize', ...ks(1), ...withRoster, ...secret, ...deals, 'complaints-1.json', 'complaints-2.json');
    const all = ['complaints-1.json', 'complaints-2.json', 'complaints-3.json'];
    const first = ok('dkg', 'finalize', ...ks(1), ...withRoster, ...secret, ...deals, ...all).stdout;
    const again = ok('dkg', 'finalize', ...ks(1), ...withRoster, ...secret, ...deals, ...all, '--force').stdout;
    expect(/public key {4}(\w+)/.exec(again)![1]).toBe(/public key {4}(\w+)/.exec(first)![1]);
    expect(unlockKeystore(join(dir, 'trustee-1.keystore.json'), PASSPHRASE).keyShare).not.toBeNull();
    // Without dealer 3's deal, Q differs: the finalized keystore refuses the other outcome.
    refused(1, /was already finalized with a different outcome/, 'dkg', 'finalize', ...ks(1), ...withRoster, ...secret, 'deal-1.json', 'deal-2.json', ...all, '--out', 'f.json');
  });

  it('decrypt refuses a list whose hash does not match its ciphertexts', () => {
    write('list.json', JSON.stringify({ type: 'ciphertext.list', election: 'school-board', group: 'ristretto255', width: 1, count: 0, ciphertexts: '', hash: '00'.repeat(32) }));
    refused(2, /list\.json: hash: does not match the ciphertexts/, 'decrypt', ...ks(1), '--manifest', 'manifest.json', '--ciphertexts', 'list.json', ...secret);
  });
});
