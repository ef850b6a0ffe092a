/** The human report on stdout: each phase with its checks, counts and time; every failure with its place. */
import type { Failure } from './findings.js';
import type { Report } from '../verify.js';

export function where(f: Failure): string {
  const parts: string[] = [];
  if (f.file) parts.push(f.line ? `${f.file}:${f.line}` : f.file);
  if (f.index !== undefined) parts.push(`entry ${f.index}`);
  if (f.item !== undefined) parts.push(`item ${f.item}`);
  return parts.length ? parts.join(', ') : '(transcript)';
}

export function renderReport(r: Report): string {
  const out: string[] = [];
  out.push(`ostraka-verify ${r.location}`);
  const s = r.summary;
  if (s.election !== undefined) {
    out.push(`election ${s.election}: ${s.group}, width ${s.width}, trustees ${s.trustees}, state ${s.state}`);
    out.push(`  ${s.credentials} credentials, ${s.ballots_cast} ballots cast, ${s.ballot_box} in the ballot box, ${s.mix_rounds} mix rounds, ${s.plaintexts ?? 0} plaintexts`);
  }
  if (r.board) out.push(`board ${r.board.id}, key fingerprint ${r.board.fingerprint} (${r.board.pinned ? 'pinned' : 'NOT PINNED: compare it with the published fingerprint'})`);
  out.push('');
  for (const p of r.phases) {
    out.push(`${p.phase.padEnd(12)} ${p.seconds.toFixed(2)} s`);
    for (const c of p.checks) {
      const status = c.ok ? 'ok  ' : 'FAIL';
      out.push(`  ${status} ${c.check.padEnd(30)} ${String(c.items).padStart(8)} item${c.items === 1 ? '' : 's'}${c.failures ? `, ${c.failures} failed` : ''}`);
    }
  }
  if (r.receipt) {
    out.push('');
    out.push(`receipt: ${r.receipt.status}: ${r.receipt.detail}`);
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('');
  if (r.ok) out.push(`VALID: every check passed (${r.seconds.toFixed(2)} s).`);
  else {
    out.push(`INVALID: ${r.failureCount} failure${r.failureCount === 1 ? '' : 's'} (${r.seconds.toFixed(2)} s):`);
    for (const f of r.failures) out.push(`  ${f.check}  ${where(f)}: ${f.detail}`);
    if (r.failures.length < r.failureCount) out.push(`  … ${r.failureCount - r.failures.length} more not listed`);
  }
  return out.join('\n') + '\n';
}
