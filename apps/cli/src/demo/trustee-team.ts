import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csprng, toHex } from '@ostraka/crypto';
import type { FullManifest } from '@ostraka/protocol';
import { DemoStepError, type OstrakaProcess, type ProcessRunner } from './child-processes.js';
import { mapConcurrent } from './concurrency.js';

const NAMES = ['Amara Okafor', 'Bjorn Lindqvist', 'Carmen Ortiz', 'Dev Patel', 'Elif Yilmaz', 'Femi Adeyemi', 'Gao Lin', 'Hanna Virtanen', 'Ivo Petrov'];

/** One trustee's laptop in the demo: a directory with its keystore, its passphrase file and the files it writes. */
export interface TrusteeLaptop {
  readonly index: number;
  readonly name: string;
  readonly dir: string;
}

/**
 * The trustees, each running the real trustee tool (`ostraka trustee …`) as a process in its own
 * directory (its "laptop"), reading what the board published from the transfer directory (the
 * USB stick) and writing the files the authority relays. Independent trustees' steps run in
 * parallel, as they would on separate laptops.
 */
export class TrusteeTeam {
  readonly laptops: TrusteeLaptop[];

  constructor(
    private readonly runner: ProcessRunner,
    private readonly root: string,
    /** The transfer directory: files from the board. */
    readonly transfer: string,
    count: number,
    private readonly options: { kdfCost?: number; parallel: number },
  ) {
    this.laptops = Array.from({ length: count }, (_, k) => ({ index: k + 1, name: NAMES[k] ?? `Trustee ${k + 1}`, dir: join(root, `trustee-${k + 1}`) }));
  }

  private keystoreArgs(t: TrusteeLaptop): string[] {
    return ['--keystore', `trustee-${t.index}.keystore.json`, '--passphrase-file', 'passphrase.txt', '--manifest', join(this.transfer, 'manifest.json')];
  }

  private each(task: (t: TrusteeLaptop) => Promise<unknown>, laptops: readonly TrusteeLaptop[] = this.laptops, parallel = this.options.parallel): Promise<unknown[]> {
    return mapConcurrent(laptops, parallel, task);
  }

  /** A file a trustee wrote, as text (what the authority carries to the board). */
  fileText(t: TrusteeLaptop, name: string): string {
    return readFileSync(join(t.dir, name), 'utf8');
  }

  /** `init`: a passphrase file (mode 0600), the keystore and the identity; then `enroll`: the registration request. */
  async initAndEnroll(): Promise<void> {
    await this.each(async (t) => {
      mkdirSync(t.dir, { recursive: true });
      writeFileSync(join(t.dir, 'passphrase.txt'), `${toHex(csprng(16))}\n`, { mode: 0o600 });
      const kdf = this.options.kdfCost === undefined ? [] : ['--kdf-cost', String(this.options.kdfCost)];
      await this.runner.run(`trustee-${t.index}-init`, ['trustee', 'init', '--manifest', join(this.transfer, 'manifest.json'), '--index', String(t.index), '--name', t.name, '--passphrase-file', 'passphrase.txt', ...kdf], { cwd: t.dir });
      await this.runner.run(`trustee-${t.index}-enroll`, ['trustee', 'enroll', ...this.keystoreArgs(t)], { cwd: t.dir });
    });
  }

  identity(t: TrusteeLaptop): string {
    return this.fileText(t, `trustee-${t.index}.identity.json`);
  }

  registration(t: TrusteeLaptop): string {
    return this.fileText(t, `registration-${t.index}.json`);
  }

  /** `approve`: each trustee's contribution to the negotiation; trustee j contributes after the authority and trustees 1 … j − 1. */
  async approve(negotiationId: string): Promise<void> {
    await this.each((t) =>
      this.runner.run(`trustee-${t.index}-approve`, ['trustee', 'approve', ...this.keystoreArgs(t), '--negotiation', negotiationId, '--seq', String(t.index)], { cwd: t.dir }),
    );
  }

  approval(t: TrusteeLaptop): string {
    return this.fileText(t, `approval-${t.index}.json`);
  }

  async deal(): Promise<void> {
    await this.each((t) => this.runner.run(`trustee-${t.index}-deal`, ['trustee', 'dkg', 'deal', ...this.keystoreArgs(t), '--roster', join(this.transfer, 'roster.json')], { cwd: t.dir }));
  }

  async receive(dealFiles: readonly string[]): Promise<void> {
    await this.each((t) =>
      this.runner.run(`trustee-${t.index}-receive`, ['trustee', 'dkg', 'receive', ...this.keystoreArgs(t), '--roster', join(this.transfer, 'roster.json'), ...dealFiles], { cwd: t.dir }),
    );
  }

  async finalize(boardFiles: readonly string[]): Promise<void> {
    await this.each((t) =>
      this.runner.run(`trustee-${t.index}-finalize`, ['trustee', 'dkg', 'finalize', ...this.keystoreArgs(t), '--roster', join(this.transfer, 'roster.json'), ...boardFiles], { cwd: t.dir }),
    );
  }

  /**
   * `decrypt` by the trustees present, of the list in the transfer directory, refusing any list but
   * `expectHash`; `onProgress` gets the ciphertexts done by all of them together, from their
   * progress lines.
   */
  async decrypt(present: readonly number[], expectHash: string, workers: number, onProgress?: (done: number, total: number) => void): Promise<void> {
    const running = new Map<number, OstrakaProcess>();
    const poll = setInterval(() => {
      let done = 0;
      let perTrustee = 0;
      for (const p of running.values()) {
        const m = /decrypting: (\d+)\/(\d+)/.exec(p.lastStderrLine());
        if (m) [done, perTrustee] = [done + Number(m[1]), Number(m[2])];
      }
      if (perTrustee > 0) onProgress?.(done, perTrustee * present.length);
    }, 500);
    try {
      await this.each(
        async (t) => {
          const args = ['trustee', 'decrypt', ...this.keystoreArgs(t), '--ciphertexts', join(this.transfer, 'list.json'), '--expect-hash', expectHash, '--workers', String(workers)];
          const proc = this.runner.start(`trustee-${t.index}-decrypt`, args, { cwd: t.dir });
          running.set(t.index, proc);
          const done = await proc.exited;
          if (done.code !== 0) throw new DemoStepError(`${proc.describe()} failed (exit ${done.code})${proc.tail()}`);
        },
        this.laptops.filter((t) => present.includes(t.index)),
        // All at once, each with its share of the cores: a trustee left to run alone at the end
        // would leave cores idle.
        present.length,
      );
    } finally {
      clearInterval(poll);
    }
  }
}

/** The manifest as the trustees receive it (from the board, on the transfer stick). */
export function writeManifest(transfer: string, manifest: FullManifest): void {
  writeFileSync(join(transfer, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
