/**
 * Cheating participants, n = 5, t = 3. Trustee 1 runs its own code (the libraries, not the tool):
 * it deals trustee 2 a bad share, and later posts a wrong partial decryption. Trustees 2..5 use
 * the tool. A verifiable complaint disqualifies dealer 1; its wrong partial decryption is
 * rejected by its proof; fewer than t valid partial decryptions give a clear error.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  combineShares,
  createDeal,
  encodeSchnorrProof,
  encryptShare,
  generateSigningKey,
  groupByName,
  InsufficientPartialsError,
  partialDecrypt,
  randomPolynomial,
  receiveShare,
} from '@ostraka/crypto';
import {
  ciphertextListSchema,
  complaintsFileSchema,
  createIdentity,
  dealFileSchema,
  decodeCiphertextRange,
  evaluateCeremonyFiles,
  openCiphertextList,
  openComplaints,
  openDeal,
  openRoster,
  parseWith,
  rosterSchema,
  signComplaints,
  signDeal,
  signPartialDecryptions,
} from '@ostraka/protocol';
import { electionDir, readJson, tally, writeBallots } from './election.js';
import { trustee, type Run } from './harness.js';

const { dir, manifest } = electionDir();
const G = groupByName(manifest.group);
const election = manifest.id;
const secret = ['--passphrase-file', 'pass.txt'];
const ks = (j: number) => ['--keystore', `trustee-${j}.keystore.json`];
const withRoster = ['--manifest', 'manifest.json', '--roster', 'roster.json'];
const HONEST = [2, 3, 4, 5];
const write = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value, null, 2));

// Trustee 1's own keys, held by the test.
const mallory = { signingKey: generateSigningKey(), shareSecret: G.scalars.randomNonZero() };

function step(...args: string[]): Run {
  const run = trustee(dir, ...args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  expect(run.network).toEqual([]);
  return run;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cheating trustees against the tool (n = 5, t = 3)', () => {
  const deals = [1, 2, 3, 4, 5].map((j) => `deal-${j}.json`);
  const complaints = [1, 2, 3, 4, 5].map((j) => `complaints-${j}.json`);

  it('setup: trustee 1 by hand, trustees 2..5 with the tool', () => {
    write('trustee-1.identity.json', createIdentity(G, { election, trustee: 1, name: 'Mallory', ...mallory }));
    for (const j of HONEST) step('init', '--manifest', 'manifest.json', '--index', String(j), '--name', `Trustee ${j}`, ...secret, '--kdf-cost', '14');
    step('roster', '--manifest', 'manifest.json', '--out', 'roster.json', ...[1, 2, 3, 4, 5].map((j) => `trustee-${j}.identity.json`));
  });

  it('a dealer sends a bad share: the recipient’s complaint disqualifies it, anyone can check, the ceremony completes without it', () => {
    const roster = openRoster(G, manifest, parseWith(rosterSchema, readJson(dir, 'roster.json')));
    const recipients = roster.trustees.slice(1).map((t) => ({ index: t.trustee, shareKey: t.shareKey }));
    const deal = createDeal(G, election, 1, randomPolynomial(G, 3), recipients);
    const bad = encryptShare(G, { election, dealer: 1, recipient: 2 }, recipients[0].shareKey, 1234n);
    write('deal-1.json', signDeal(mallory.signingKey, G, election, { ...deal, shares: deal.shares.map((s) => (s.recipient === 2 ? bad : s)) }));
    for (const j of HONEST) step('dkg', 'deal', ...ks(j), ...withRoster, ...secret);

    const received = HONEST.map((j) => step('dkg', 'receive', ...ks(j), ...withRoster, ...secret, ...deals).stdout);
    expect(received[0]).toMatch(/dealer {3}1 {2}BAD SHARE \(the share does not match the dealer’s commitments\): complaint written/);
    expect(received[0]).toMatch(/1 complaint\(s\)/);
    for (const out of received.slice(1)) expect(out).toMatch(/0 complaint\(s\)/);
    write('complaints-1.json', signComplaints(mallory.signingKey, G, election, 1, []));

    // Anyone (here: the tool's check, with no secret) can judge the complaint.
    expect(step('check', ...withRoster, 'deal-1.json', 'complaints-2.json').stdout).toMatch(/against dealer 1: UPHELD/);

    for (const j of HONEST) {
      const out = step('dkg', 'finalize', ...ks(j), ...withRoster, ...secret, ...deals, ...complaints).stdout;
      expect(out).toMatch(/disqualified {2}dealer 1: complaint by trustee 2 upheld/);
      expect(out).toMatch(/Q = \[2, 3, 4, 5\]/);
    }
  });

  it('a wrong partial decryption is rejected by its proof; with two others absent it leaves too few, with a third it decrypts', () => {
    const ballots = ['yes', 'no', 'no', 'yes', 'abstain', 'yes'];
    writeBallots(dir, manifest, 'finalization-2.json', ballots);
    // Trustee 1 still holds a key share (from the qualified dealers), and decrypts with a wrong one.
    const roster = openRoster(G, manifest, parseWith(rosterSchema, readJson(dir, 'roster.json')));
    const opened = deals.map((d) => openDeal(roster, parseWith(dealFileSchema, readJson(dir, d))));
    const posted = complaints.flatMap((c) => openComplaints(roster, parseWith(complaintsFileSchema, readJson(dir, c))));
    const ceremony = evaluateCeremonyFiles(roster, opened, posted);
    expect(ceremony.qualified).toEqual([2, 3, 4, 5]);
    const holder = { index: 1, secret: mallory.shareSecret, shareKey: roster.trustees[0].shareKey };
    const x1 = combineShares(
      G,
      ceremony.qualified.map((i) => {
        const r = receiveShare(G, election, opened[i - 1], holder);
        if (!r.ok) throw new Error(r.reason);
        return r.share;
      }),
    );
    expect(G.equals(G.multiply(G.generator, x1), ceremony.verificationKeys.get(1)!)).toBe(true);
    const list = openCiphertextList(G, election, parseWith(ciphertextListSchema, readJson(dir, 'list.json')));
    const partials = decodeCiphertextRange(G, list.packed, 1, 0, list.count).map((c) => partialDecrypt(G, election, 1, G.scalars.add(x1, 1n), ceremony.verificationKeys.get(1)!, c));
    write(
      'partial-decryption-1.json',
      signPartialDecryptions(mallory.signingKey, {
        election,
        trustee: 1,
        list,
        factors: G.encodeMany(partials.flatMap((p) => p.factors)),
        proofs: new Uint8Array(partials.flatMap((p) => [...encodeSchnorrProof(G, p.proof)])),
      }),
    );
    const hash = (readJson(dir, 'list.json') as { hash: string }).hash;
    for (const j of [2, 4]) step('decrypt', ...ks(j), '--manifest', 'manifest.json', '--ciphertexts', 'list.json', ...secret, '--expect-hash', hash);

    const files = { deals, complaints };
    // Trustees 3 and 5 absent: trustee 1's partial decryption does not count, 2 valid < t.
    expect(() => tally(dir, manifest, { ...files, partials: ['partial-decryption-1.json', 'partial-decryption-2.json', 'partial-decryption-4.json'] })).toThrow(InsufficientPartialsError);
    expect(() => tally(dir, manifest, { ...files, partials: ['partial-decryption-1.json', 'partial-decryption-2.json', 'partial-decryption-4.json'] })).toThrow(
      /got 2 \[2, 4\]; rejected: trustee 1 \(the proof of partial decryption 0 does not verify\)/,
    );
    // The tool's check says the same, with exit code 1.
    const check = trustee(dir, 'check', ...withRoster, ...deals, ...complaints, 'list.json', 'partial-decryption-1.json', 'partial-decryption-2.json');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/FAIL {2}partial-decryption-1.json: trustee 1's proof of partial decryption 0 does not verify/);
    expect(check.stdout).toMatch(/OK {4}partial-decryption-2.json/);

    step('decrypt', ...ks(5), '--manifest', 'manifest.json', '--ciphertexts', 'list.json', ...secret);
    const result = tally(dir, manifest, { ...files, partials: [1, 2, 4, 5].map((j) => `partial-decryption-${j}.json`) });
    expect(result.rejected.map((r) => r.trustee)).toEqual([1]);
    expect(result.used).toEqual([2, 4, 5]);
    expect(result.texts).toEqual(ballots);
  });

  it('a list other than the expected one is refused before anything is decrypted', () => {
    const run = trustee(dir, 'decrypt', ...ks(3), '--manifest', 'manifest.json', '--ciphertexts', 'list.json', ...secret, '--expect-hash', '00'.repeat(32));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the list's hash is [0-9a-f]{64}, not the expected 0{64}; nothing was decrypted/);
  });
});
