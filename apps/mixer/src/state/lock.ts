import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { MixFailure } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on a round's state directory: a file holding the owner's pid, created with
 * O_EXCL. Two mix servers working on one round at once would race to post; the second one is
 * refused. A lock left by a killed process (its pid no longer runs) is taken over.
 */
export class StateLock {
  private constructor(private readonly path: string) {}

  static acquire(path: string): StateLock {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        try {
          writeSync(fd, `${process.pid}\n`);
        } finally {
          closeSync(fd);
        }
        return new StateLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let owner = NaN;
      try {
        owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        // Vanished between the two calls: try again.
      }
      if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && alive(owner))
        throw new MixFailure(`another mix server (pid ${owner}) is working on this round: ${path} is locked`);
      try {
        unlinkSync(path); // a stale lock (its process is gone) or a half-written one
      } catch {
        // Someone else removed it first.
      }
    }
    throw new MixFailure(`could not lock ${path}`);
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone.
    }
  }
}
