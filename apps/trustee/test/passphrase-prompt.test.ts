/**
 * The passphrase prompt on a real terminal (a pseudo-terminal from `script`): nothing typed is
 * echoed, the passphrase is asked twice for a new keystore, and a mismatch writes nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { unlockKeystore } from '@ostraka/trustee';
import { electionDir } from './election.js';

const { dir } = electionDir();
const bin = fileURLToPath(new URL('../../cli/bin/ostraka.js', import.meta.url));
const hasScript = spawnSync('script', ['-q', '-e', '-c', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the tool on a pseudo-terminal, typing each answer when its prompt appears. */
function onTerminal(args: string[], answers: [RegExp, string][]): Promise<{ code: number; output: string }> {
  const command = [process.execPath, bin, 'trustee', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let next = 0;
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    while (next < answers.length && answers[next][0].test(output)) child.stdin.write(answers[next++][1] + '\r');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, output })));
}

describe('the passphrase prompt on a terminal', () => {
  const passphrase = 'a passphrase typed on a terminal';
  const init = (index: number) => ['init', '--manifest', 'manifest.json', '--index', String(index), '--name', 'T', '--kdf-cost', '14'];

  it('asks twice, echoes nothing, and the keystore opens with what was typed', async () => {
    expect(hasScript, '`script` (util-linux) provides the pseudo-terminal of this test').toBe(true);
    const run = await onTerminal(init(1), [
      [/New passphrase for the keystore of trustee 1: $/, passphrase],
      [/Repeat the passphrase: $/, passphrase],
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain(passphrase);
    expect(run.output).not.toMatch(/\*\*\*/);
    expect(unlockKeystore(join(dir, 'trustee-1.keystore.json'), passphrase).trustee).toBe(1);
  });

  it('two different answers: an error, and no keystore', async () => {
    const run = await onTerminal(init(2), [
      [/New passphrase for the keystore of trustee 2: $/, passphrase],
      [/Repeat the passphrase: $/, passphrase + ' with a typo'],
    ]);
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/error: the two passphrases differ/);
    expect(existsSync(join(dir, 'trustee-2.keystore.json'))).toBe(false);
  });
});
