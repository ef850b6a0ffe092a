import type { ElectionStatus } from '@ostraka/election';
import { fromHex } from '@ostraka/crypto';
import type { RosterFile } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { managedElection } from '../admin-store/managed-elections.js';
import type { WebServices } from '../services.js';
import { describeDecryptionStart, describeTallyJob, type ElectionJobsView } from './election-jobs.js';

/**
 * The live values of an election's pages, by the key of the element that shows each
 * (`data-live="…"`): the pages render them, and the admin script polls them (`status.json`) to
 * update the page without reloading. Everything comes from the board's log.
 */
export interface LiveStatus {
  readonly state: string;
  readonly values: Record<string, string>;
}

/** The round a mix server is posting (`GET /elections/:id`, `round_in_progress`). */
interface RoundInProgress {
  readonly round: number;
  readonly peer: string;
  readonly output: { posted: number; count: number };
  readonly proof: { posted: number; count: number };
}

export const TRUSTEE_COLUMNS = [
  ['trustee.identity', 'identity'],
  ['approval', 'approval'],
  ['dkg.deal', 'deal'],
  ['dkg.complaints', 'complaints'],
  ['dkg.finalization', 'finalization'],
  ['decryption.partial', 'partial decryption'],
] as const;

function percent(part: number, whole: number): string {
  return whole === 0 ? '' : ` (${((100 * part) / whole).toFixed(1)} %)`;
}

async function trusteePeers(s: WebServices, status: ElectionStatus): Promise<(string | null)[]> {
  if (status.trustees) return status.trustees;
  const n = status.manifest.trustees.count;
  const peers: (string | null)[] = new Array(n).fill(null);
  if ((status.documents['trustee.identity'] ?? []).length < n) return peers;
  const roster = await s.client.request<RosterFile>('GET', `/elections/${status.id}/roster`);
  return roster.trustees.map((t) => keyId(fromHex(t.payload.signingKey)));
}

export async function liveStatus(s: WebServices, status: ElectionStatus, jobs: ElectionJobsView = {}): Promise<LiveStatus> {
  const v: Record<string, string> = {};
  const head = s.board.head();
  v.state = status.state;
  v.credentials = String(status.credentials);
  v.ballots = String(status.ballots_cast);
  v.turnout = `${status.ballots_cast} ballots cast with ${status.credentials} registered credentials${percent(status.ballots_cast, status.credentials)}`;
  v['head-size'] = String(head.size);
  v['head-root'] = head.root;
  v['head-time'] = new Date(head.timestamp).toISOString();
  v['head-signature'] = head.signature;

  const managed = managedElection(s.db, status.id);
  const negotiation = managed?.negotiationId ? await s.board.reader.negotiation(managed.negotiationId) : null;
  const contributors = new Set(negotiation ? (await s.board.reader.contributions(negotiation.id)).map((c) => c.peerId) : []);
  v.negotiation = !negotiation
    ? 'not opened yet'
    : negotiation.status === 'AGREED'
      ? `agreed (consensus ${negotiation.consensusId})`
      : `open: ${negotiation.contributions} of ${negotiation.participants.length} participants have contributed; the next approval needs --seq ${negotiation.contributions}`;
  const peers = await trusteePeers(s, status);
  for (let j = 1; j <= status.manifest.trustees.count; j++) {
    for (const [kind] of TRUSTEE_COLUMNS) {
      if (kind === 'approval') {
        const peer = peers[j - 1];
        v[`trustee-${j}-approval`] = peer && contributors.has(peer) ? 'approved' : status.consensus_id ? 'approved' : 'not yet';
      } else v[`trustee-${j}-${kind}`] = (status.documents[kind] ?? []).includes(j) ? 'posted' : 'not yet';
    }
  }

  const mixing = status.state === 'mixing';
  for (const [k, peer] of status.manifest.mixServers.entries()) {
    const round = status.rounds[k];
    let text: string;
    if (round) text = `done: ${round.count} ciphertexts shuffled (list ${round.output_hash.slice(0, 16)}…)`;
    else if (!mixing) text = status.rounds.length > 0 || ['decrypting', 'tallied'].includes(status.state) ? 'done' : 'waiting for mixing to start';
    else if (k === status.rounds.length) {
      const posting = (status as ElectionStatus & { round_in_progress?: RoundInProgress | null }).round_in_progress;
      text =
        posting && posting.peer === peer
          ? `posting its round: output ${posting.output.posted} of ${posting.output.count} chunks, proof ${posting.proof.posted} of ${posting.proof.count}`
          : 'its turn: shuffling';
    } else text = `waiting for round ${status.rounds.length + 1}`;
    v[`mix-${k + 1}`] = text;
  }
  const partials = (status.documents['decryption.partial'] ?? []).length;
  v.decryption =
    status.state === 'decrypting'
      ? `${partials} of ${status.manifest.trustees.count} partial decryptions posted (${status.manifest.trustees.threshold} needed)`
      : status.state === 'tallied'
        ? 'complete'
        : jobs.decryptionStart
          ? describeDecryptionStart(jobs.decryptionStart)
          : 'not started';
  v.tally = jobs.tally ? describeTallyJob(jobs.tally) : status.state === 'tallied' ? 'published' : 'not started';
  return { state: status.state, values: v };
}
