import {
  createComplaint,
  createDeal,
  deterministicRandom,
  encryptShare,
  evaluatePolynomial,
  generateSigningKey,
  randomPolynomial,
  receiveShare,
  type Complaint,
  type Group,
  type SigningKey,
} from '@ostraka/crypto';
import {
  createIdentity,
  createRoster,
  electionManifestSchema,
  openDeal,
  openRoster,
  signComplaints,
  signDeal,
  type ComplaintsFile,
  type DealFile,
  type ElectionManifest,
  type ElectionRoster,
  type IdentityFile,
  type RosterFile,
} from '@ostraka/protocol';

/** A JSON round trip, as every file makes on its way through a USB stick. */
export const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

export interface FileCeremony<E> {
  manifest: ElectionManifest;
  signingKeys: SigningKey[];
  shareSecrets: bigint[];
  polynomials: bigint[][];
  identities: IdentityFile[];
  rosterFile: RosterFile;
  roster: ElectionRoster<E>;
  deals: DealFile[];
  complaints: ComplaintsFile[];
}

/**
 * The public files of a key ceremony among `count` trustees, as trustees' tools would post them.
 * `cheat` makes dealer 1 send a wrong share to trustee 2 (who then complains).
 */
export function fileCeremony<E>(group: Group<E>, threshold: number, count: number, options: { cheat?: boolean; id?: string } = {}): FileCeremony<E> {
  const rng = deterministicRandom(`ceremony-fixture/${group.name}/${threshold}/${count}/${options.cheat ?? false}`);
  const manifest = electionManifestSchema.parse({ id: options.id ?? 'election-1', title: 'Test election', group: group.name, trustees: { threshold, count } });
  const election = manifest.id;
  const signingKeys = Array.from({ length: count }, () => generateSigningKey(rng));
  const shareSecrets = Array.from({ length: count }, () => group.scalars.randomNonZero(rng));
  const identities = signingKeys.map((signingKey, k) =>
    createIdentity(group, { election, trustee: k + 1, name: `Trustee ${k + 1}`, signingKey, shareSecret: shareSecrets[k] }, rng),
  );
  const rosterFile = createRoster(election, identities);
  const roster = openRoster(group, manifest, rosterFile);
  const polynomials = signingKeys.map(() => randomPolynomial(group, threshold, rng));
  const holders = roster.trustees.map((t, k) => ({ index: t.trustee, secret: shareSecrets[k], shareKey: t.shareKey }));
  const deals = holders.map((h, k) => {
    const deal = createDeal(group, election, h.index, polynomials[k], holders.filter((r) => r.index !== h.index), rng);
    if (!options.cheat || h.index !== 1) return signDeal(signingKeys[k], group, election, deal);
    // Dealer 1 sends trustee 2 a share that does not match its commitments.
    const wrong = group.scalars.add(evaluatePolynomial(group, polynomials[0], 2), 1n);
    const bad = encryptShare(group, { election, dealer: 1, recipient: 2 }, holders[1].shareKey, wrong, rng);
    return signDeal(signingKeys[k], group, election, { ...deal, shares: deal.shares.map((s) => (s.recipient === 2 ? bad : s)) });
  });
  const complaints = holders.map((h, k) => {
    const mine: Complaint<E>[] = [];
    for (const file of deals) {
      const deal = openDeal(roster, file);
      if (deal.dealer === h.index) continue;
      if (!receiveShare(group, election, deal, h).ok) mine.push(createComplaint(group, election, deal, h, rng));
    }
    return signComplaints(signingKeys[k], group, election, h.index, mine);
  });
  return { manifest, signingKeys, shareSecrets, polynomials, identities, rosterFile, roster, deals, complaints };
}

/** Trustee j's key share from the files (what its tool computes at finalize). */
export function keyShareOf<E>(group: Group<E>, c: FileCeremony<E>, j: number, qualified: readonly number[]): bigint {
  let x = 0n;
  for (const i of qualified) {
    if (i === j) {
      x = group.scalars.add(x, evaluatePolynomial(group, c.polynomials[j - 1], j));
      continue;
    }
    const opened = receiveShare(group, c.manifest.id, openDeal(c.roster, c.deals[i - 1]), {
      index: j,
      secret: c.shareSecrets[j - 1],
      shareKey: c.roster.trustees[j - 1].shareKey,
    });
    if (!opened.ok) throw new Error(opened.reason);
    x = group.scalars.add(x, opened.share);
  }
  return x;
}
