import { readFileSync } from 'node:fs';

/** Resident set size of another process in MiB (Linux /proc; null where unavailable). */
export function processRssMb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
