import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `ostraka` command the demo runs as child processes, exactly as an operator would. */
export const OSTRAKA_BIN = fileURLToPath(new URL('../../bin/ostraka.js', import.meta.url));

/** A step run as a process failed: the message names the command and ends with its last output lines. */
export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
}

export interface Finished {
  /** The exit code, or the name of the signal that ended the process. */
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `ostraka` process: its output so far, its exit, and a way to stop it. */
export class OstrakaProcess {
  private out = '';
  private err = '';
  private readonly watchers: { pattern: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  readonly exited: Promise<Finished>;

  constructor(
    readonly name: string,
    readonly args: readonly string[],
    readonly child: ChildProcess,
    log: WriteStream,
  ) {
    child.stdout?.on('data', (d: Buffer) => {
      this.out += d.toString();
      log.write(d);
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.err += d.toString();
      log.write(d);
      for (const w of [...this.watchers])
        if (w.pattern.test(this.err)) {
          this.watchers.splice(this.watchers.indexOf(w), 1);
          w.resolve();
        }
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        log.end();
        for (const w of this.watchers.splice(0)) w.reject(new DemoStepError(`${this.describe()} exited before printing ${w.pattern}${this.tail()}`));
        resolve({ code: code ?? (signal as string), stdout: this.out, stderr: this.err });
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  stdout(): string {
    return this.out;
  }

  stderr(): string {
    return this.err;
  }

  /** The last non-empty line the process wrote on stderr (its latest progress line). */
  lastStderrLine(): string {
    const lines = this.err.split(/[\r\n]/).filter((l) => l.trim() !== '');
    return lines.length === 0 ? '' : lines[lines.length - 1];
  }

  /** Resolves when stderr has a line matching `pattern`; rejects if the process ends first. */
  waitForStderr(pattern: RegExp): Promise<void> {
    if (pattern.test(this.err)) return Promise.resolve();
    if (!this.running) return Promise.reject(new DemoStepError(`${this.describe()} has exited${this.tail()}`));
    return new Promise((resolve, reject) => this.watchers.push({ pattern, resolve, reject }));
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  describe(): string {
    return `\`ostraka ${this.args.join(' ')}\` (${this.name})`;
  }

  /** The last lines of the process's output, for error messages. */
  tail(lines = 12): string {
    const text = (this.err.trim() === '' ? this.out : this.err).trimEnd().split('\n').slice(-lines).join('\n');
    return text === '' ? '' : `:\n${text.replace(/^/gm, '    ')}`;
  }
}

/**
 * Starts `ostraka` processes for the demo, each with its output saved in `logDir/<name>.log`,
 * and keeps track of them so that every one still running is stopped when the demo ends, fails
 * or is interrupted.
 */
export class ProcessRunner {
  private readonly live = new Set<OstrakaProcess>();

  constructor(private readonly logDir: string) {}

  start(name: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): OstrakaProcess {
    const child = spawn(process.execPath, [OSTRAKA_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    child.stdin?.end(options.input);
    const proc = new OstrakaProcess(name, args, child, createWriteStream(join(this.logDir, `${name}.log`), { flags: 'a' }));
    this.live.add(proc);
    void proc.exited.then(() => this.live.delete(proc));
    return proc;
  }

  /** Runs a step to completion; a non-zero exit is a DemoStepError carrying the step's last output. */
  async run(name: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
    const proc = this.start(name, args, options);
    const done = await proc.exited;
    if (done.code !== 0) throw new DemoStepError(`${proc.describe()} failed (exit ${done.code})${proc.tail()}`);
    return done;
  }

  /**
   * Stops every process still running: `signal` first, SIGKILL for those still alive after
   * `graceMs`. Resolves when all have exited.
   */
  async stopAll(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000, except: readonly OstrakaProcess[] = []): Promise<void> {
    const procs = [...this.live].filter((p) => !except.includes(p));
    for (const p of procs) p.kill(signal);
    const timer = setTimeout(() => procs.forEach((p) => p.kill('SIGKILL')), graceMs);
    await Promise.all(procs.map((p) => p.exited));
    clearTimeout(timer);
  }
}
