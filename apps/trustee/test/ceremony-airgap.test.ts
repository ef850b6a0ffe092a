/**
 * The whole ceremony and decryption (n = 5, t = 3) with the real tool, every step a child process
 * with networking made to fail (harness.ts): nothing may even try to reach the network.
 */
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { electionDir, tally, writeBallots } from './election.js';
import { runGuarded, sandbox, trustee, type Run } from './harness.js';

const { dir, manifest } = electionDir();
const secret = ['--passphrase-file', 'pass.txt'];
const ks = (j: number) => ['--keystore', `trustee-${j}.keystore.json`];
const election = ['--manifest', 'manifest.json'];
const withRoster = [...election, '--roster', 'roster.json'];
const TRUSTEES = [1, 2, 3, 4, 5];
const runs: Run[] = [];

function step(...args: string[]): Run {
  const run = trustee(dir, ...args);
  runs.push(run);
  expect(run.stderr + run.stdout).not.toMatch(/^error:/m);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the trustee tool on an air-gapped laptop (n = 5, t = 3)', () => {
  it(`the guard catches network use (unshare: ${sandbox.unshare}, strace: ${sandbox.strace})`, () => {
    const control = runGuarded(
      [
        '-e',
        [
          "const net = require('node:net');",
          "try { net.connect(80, '192.0.2.1'); } catch {}",
          "try { require('node:dns').lookup('example.org', () => {}); } catch {}",
          "try { fetch('http://192.0.2.1/').catch(() => {}); } catch {}",
          // A worker thread escapes the preload; strace (where available) still sees its socket.
          "new (require('node:worker_threads').Worker)(\"require('node:dgram').createSocket('udp4').bind(0, () => process.exit(0))\", { eval: true });",
        ].join('\n'),
      ],
      { cwd: dir },
    );
    expect(control.network.filter((l) => l.startsWith('node:net.connect'))).toHaveLength(1);
    expect(control.network.some((l) => l.startsWith('node:dns.lookup'))).toBe(true);
    expect(control.network.some((l) => l.startsWith('fetch'))).toBe(true);
    if (sandbox.strace) expect(control.network.some((l) => /socket\(AF_INET/.test(l))).toBe(true);
  });

  it('init: five trustees create their identities and keystores', () => {
    for (const j of TRUSTEES) {
      const run = step('init', ...election, '--index', String(j), '--name', `Trustee ${j}`, ...secret, '--kdf-cost', '14');
      expect(run.stdout).toMatch(/fingerprint {2}[0-9a-f]{4}(:[0-9a-f]{4}){4}/);
    }
    step('roster', ...election, '--out', 'roster.json', ...TRUSTEES.map((j) => `trustee-${j}.identity.json`));
  });

  it('dkg deal, receive, finalize: everyone agrees on Q = {1..5} and the joint key', () => {
    for (const j of TRUSTEES) step('dkg', 'deal', ...ks(j), ...withRoster, ...secret);
    const deals = TRUSTEES.map((j) => `deal-${j}.json`);
    for (const j of TRUSTEES) expect(step('dkg', 'receive', ...ks(j), ...withRoster, ...secret, ...deals).stdout).toMatch(/0 complaint\(s\)/);
    const complaints = TRUSTEES.map((j) => `complaints-${j}.json`);
    const keys = new Set<string>();
    for (const j of TRUSTEES) {
      const out = step('dkg', 'finalize', ...ks(j), ...withRoster, ...secret, ...deals, ...complaints).stdout;
      expect(out).toMatch(/Q = \[1, 2, 3, 4, 5\]/);
      keys.add(/public key {4}([0-9a-f]+)/.exec(out)![1]);
    }
    expect(keys.size).toBe(1);
  });

  it('decrypt with two trustees absent: three partial decryptions give every ballot', () => {
    const ballots = Array.from({ length: 40 }, (_, i) => `ballot ${i}: candidate ${i % 7}`);
    writeBallots(dir, manifest, 'finalization-1.json', ballots);
    for (const j of [2, 3, 5]) {
      const run = step('decrypt', ...ks(j), ...election, '--ciphertexts', 'list.json', ...secret, '--workers', '2');
      expect(run.stderr).toMatch(/decrypting: 40\/40 \(100%\)/);
    }
    const result = tally(dir, manifest, {
      deals: TRUSTEES.map((j) => `deal-${j}.json`),
      complaints: TRUSTEES.map((j) => `complaints-${j}.json`),
      partials: [2, 3, 5].map((j) => `partial-decryption-${j}.json`),
    });
    expect(result.used).toEqual([2, 3, 5]);
    expect(result.texts).toEqual(ballots);
  });

  it('check: every file verifies', () => {
    const files = readdirSync(dir).filter((f) => /^(trustee-\d\.identity|deal-\d|complaints-\d|finalization-\d|partial-decryption-\d|list)\.json$/.test(f));
    const run = step('check', ...withRoster, ...files, 'manifest.json', 'trustee-1.keystore.json');
    expect(run.stdout.match(/^OK {4}/gm)).toHaveLength(files.length + 3);
    expect(run.stdout).not.toMatch(/^FAIL/m);
  });

  it('no step tried to use the network', () => {
    expect(runs.length).toBeGreaterThanOrEqual(25);
    expect(runs.flatMap((r) => r.network)).toEqual([]);
  });
});
