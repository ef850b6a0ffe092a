import {
  complaintsFileSchema,
  dealFileSchema,
  openComplaints,
  openDeal,
  type ElectionRoster,
} from '@ostraka/protocol';
import type { Complaint, Deal } from '@ostraka/crypto';
import { InputError } from './errors.js';
import { inFile, readFileAs, readJsonFile } from './files.js';

export interface OpenedDeal<E> {
  readonly path: string;
  readonly deal: Deal<E>;
  readonly signature: string;
}

/** Reads deal files: each strictly validated, of this election, signed by its dealer. */
export function readDeals(roster: ElectionRoster<unknown>, paths: readonly string[]): OpenedDeal<unknown>[] {
  const out: OpenedDeal<unknown>[] = [];
  for (const path of paths) {
    const file = readFileAs(path, dealFileSchema);
    const deal = inFile(path, () => openDeal(roster, file));
    // The same file given twice (or copied twice) counts once.
    if (out.some((d) => d.signature === file.signature)) continue;
    out.push({ path, deal, signature: file.signature });
  }
  return out;
}

export interface OpenedComplaints<E> {
  readonly path: string;
  readonly trustee: number;
  readonly complaints: Complaint<E>[];
}

export function readComplaints(roster: ElectionRoster<unknown>, paths: readonly string[]): OpenedComplaints<unknown>[] {
  const out: OpenedComplaints<unknown>[] = [];
  for (const path of paths) {
    const file = readFileAs(path, complaintsFileSchema);
    const complaints = inFile(path, () => openComplaints(roster, file));
    const earlier = out.find((c) => c.trustee === file.payload.trustee);
    if (earlier) throw new InputError(path, 'payload.trustee', `a second complaints file of trustee ${file.payload.trustee} (the first is ${earlier.path})`);
    out.push({ path, trustee: file.payload.trustee, complaints });
  }
  return out;
}

/** The type of a ceremony file, read from `payload.type` (or `type` for unsigned files). */
export function fileType(path: string): string {
  const value = readJsonFile(path) as { payload?: { type?: unknown }; type?: unknown } | null;
  const type = value && typeof value === 'object' ? (value.payload && typeof value.payload === 'object' ? value.payload.type : value.type) : undefined;
  if (typeof type !== 'string') throw new InputError(path, 'payload.type', 'not an ostraka file (no type)');
  return type;
}

/** Splits board files into deals and complaints; any other type is refused, naming the file. */
export function sortCeremonyFiles(paths: readonly string[], accept: readonly string[]): Map<string, string[]> {
  const byType = new Map<string, string[]>(accept.map((t) => [t, []]));
  for (const path of paths) {
    const type = fileType(path);
    const list = byType.get(type);
    if (!list) throw new InputError(path, 'payload.type', `expected one of ${accept.join(', ')}, got "${type}"`);
    list.push(path);
  }
  return byType;
}
