import { BoardError, type BoardReader } from '@ostraka/board';
import { groupByName, type Group } from '@ostraka/crypto';
import {
  complaintsFileSchema,
  createRoster,
  dealFileSchema,
  evaluateCeremonyFiles,
  finalizationFileSchema,
  identityFileSchema,
  InvalidFileError,
  openComplaints,
  openDeal,
  openFinalization,
  openRoster,
  parseWith,
  type CeremonyResult,
  type ElectionRoster,
  type IdentityFile,
  type RosterFile,
} from '@ostraka/protocol';
import { readDocuments } from './documents.js';
import type { ElectionRecord } from './election-record.js';

/** Runs a ceremony-file check and turns its rejection into a 400 that names the document. */
export function asBoardError<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BoardError) throw e;
    if (e instanceof InvalidFileError || (e instanceof Error && ['VerificationError', 'DecodeError', 'CeremonyFailedError'].includes(e.name)))
      throw new BoardError(400, 'BAD_DOCUMENT', `${what}: ${e.message}`);
    throw e;
  }
}

/** The trustees' identities posted so far, by index. */
export async function readIdentities(reader: BoardReader, election: ElectionRecord): Promise<Map<number, IdentityFile>> {
  const docs = await readDocuments(reader, election.id, 'trustee.identity', election.manifest.trustees.count);
  const out = new Map<number, IdentityFile>();
  for (const [j, doc] of docs) out.set(j, parseWith(identityFileSchema, doc));
  return out;
}

/** The roster file from the n posted identities, or null while one is missing. */
export async function readRosterFile(reader: BoardReader, election: ElectionRecord): Promise<RosterFile | null> {
  const identities = await readIdentities(reader, election);
  if (identities.size !== election.manifest.trustees.count) return null;
  return createRoster(election.id, [...identities.values()]);
}

export async function readRoster(reader: BoardReader, election: ElectionRecord): Promise<ElectionRoster<unknown>> {
  const file = await readRosterFile(reader, election);
  if (!file) throw new BoardError(409, 'WRONG_STATE', `not every trustee of election "${election.id}" has posted an identity`);
  return asBoardError('roster', () => openRoster(groupByName(election.manifest.group) as Group<unknown>, election.manifest, file));
}

/** Deals and complaints posted so far, opened against the roster (bad files were refused when posted). */
export async function readCeremonyFiles(reader: BoardReader, election: ElectionRecord, roster: ElectionRoster<unknown>) {
  const n = election.manifest.trustees.count;
  const deals = [...(await readDocuments(reader, election.id, 'dkg.deal', n)).values()].map((doc) =>
    asBoardError('deal', () => openDeal(roster, parseWith(dealFileSchema, doc))),
  );
  const complaints = [...(await readDocuments(reader, election.id, 'dkg.complaints', n)).values()].flatMap((doc) =>
    asBoardError('complaints', () => openComplaints(roster, parseWith(complaintsFileSchema, doc))),
  );
  return { deals, complaints };
}

/** The ceremony's outcome from every deal and complaints file on the board. */
export async function evaluateCeremonyOnBoard(reader: BoardReader, election: ElectionRecord): Promise<{ roster: ElectionRoster<unknown>; result: CeremonyResult<unknown> }> {
  const roster = await readRoster(reader, election);
  const { deals, complaints } = await readCeremonyFiles(reader, election, roster);
  const result = asBoardError('ceremony', () => evaluateCeremonyFiles(roster, deals, complaints));
  return { roster, result };
}

/** The finalizations posted so far, opened. */
export async function readFinalizations(reader: BoardReader, election: ElectionRecord, roster: ElectionRoster<unknown>) {
  const docs = await readDocuments(reader, election.id, 'dkg.finalization', election.manifest.trustees.count);
  return [...docs.values()].map((doc) => asBoardError('finalization', () => openFinalization(roster, parseWith(finalizationFileSchema, doc))));
}
