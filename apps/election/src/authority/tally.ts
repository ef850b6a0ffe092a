import { BoardHttpError } from '@ostraka/board/client';
import { fromHex, groupByName, toHex, utf8, type Group } from '@ostraka/crypto';
import {
  canonicalJson,
  complaintsFileSchema,
  dealFileSchema,
  evaluateCeremonyFiles,
  openCiphertextList,
  openComplaints,
  openDeal,
  openRoster,
  parseWith,
  partialDecryptionFileSchema,
  rosterSchema,
  tallyBallots,
  type CiphertextListFile,
  type FullManifest,
  type Json,
  type PartialDecryptionFile,
  type Tally,
} from '@ostraka/protocol';
import { sha256 } from '@noble/hashes/sha2.js';
import { PLAINTEXTS_TYPE, type PlaintextsFile } from '../plaintexts.js';
import type { ElectionAuthority } from './election-authority.js';
import { decryptListInParallel, type DecryptionProgress } from './parallel-decryption.js';

async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof BoardHttpError && e.status === 404) return null;
    throw e;
  }
}

export interface TallyOutcome {
  readonly tally: Tally;
  readonly plaintexts: PlaintextsFile;
  /** Trustees whose partial decryptions were combined. */
  readonly decryptions: number[];
  /** Partial decryptions rejected (bad proof, wrong list), with the reason. */
  readonly rejected: { trustee: number; reason: string }[];
}

/**
 * Combines the partial decryptions on the board (checking every proof it uses: a wrong one is
 * rejected and the others suffice), decodes every plaintext, counts, and publishes the plaintexts
 * and the tally (docs/election.md §4 step 9). Fewer than t valid partial decryptions is an error,
 * never a wrong result.
 */
export async function tallyElection(
  authority: ElectionAuthority,
  options: { workers?: number; onProgress?: (p: DecryptionProgress) => void } = {},
): Promise<TallyOutcome> {
  const client = authority.client;
  const election = authority.election;
  const status = await authority.status();
  const manifest = status.manifest as FullManifest;
  const group = groupByName(manifest.group) as Group<unknown>;
  const n = manifest.trustees.count;
  const doc = (kind: string, j: number) => optional(client.request<unknown>('GET', `/elections/${election}/documents/${kind}/${j}`));

  const roster = openRoster(group, manifest, parseWith(rosterSchema, await client.request('GET', `/elections/${election}/roster`)));
  const deals = [];
  const complaints = [];
  const partials: PartialDecryptionFile[] = [];
  for (let j = 1; j <= n; j++) {
    const deal = await doc('dkg.deal', j);
    if (deal) deals.push(openDeal(roster, parseWith(dealFileSchema, deal)));
    const c = await doc('dkg.complaints', j);
    if (c) complaints.push(...openComplaints(roster, parseWith(complaintsFileSchema, c)));
    const p = await doc('decryption.partial', j);
    if (p) partials.push(parseWith(partialDecryptionFileSchema, p));
  }
  const ceremony = evaluateCeremonyFiles(roster, deals, complaints);
  const listFile = (await client.request('GET', `/elections/${election}/final-list`)) as CiphertextListFile;
  const list = openCiphertextList(group, election, listFile);
  // Every proof checked and every plaintext combined and decoded in a worker pool (all cores).
  const result = await decryptListInParallel(roster, ceremony, list, partials, options);
  const plaintexts = result.plaintexts.map((p) => (p === null ? null : toHex(p)));
  const file: PlaintextsFile = { type: PLAINTEXTS_TYPE, election, list: listFile.hash, plaintexts };
  const text = canonicalJson(file as unknown as Json);
  const tally = tallyBallots(
    manifest.questions,
    plaintexts.map((h) => (h === null ? null : fromHex(h))),
  );
  await authority.relayDocument('election.plaintexts', 0, text);
  const decryptions = [...result.used].sort((a, b) => a - b);
  await authority.transition('tallied', {
    decryptions,
    plaintexts_hash: toHex(sha256(utf8(text))),
    tally: tally as unknown as Json,
  });
  return { tally, plaintexts: file, decryptions, rejected: result.rejected.map((r) => ({ trustee: r.trustee, reason: r.reason })) };
}
