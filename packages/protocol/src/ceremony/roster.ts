import { equalBytes, VerificationError, type Group } from '@ostraka/crypto';
import { z } from 'zod';
import { electionIdSchema, type ElectionManifest } from '../manifest.js';
import { InvalidFileError } from './errors.js';
import { identityFileSchema, openIdentity, type IdentityFile, type TrusteeIdentity } from './identity.js';

export const ROSTER_TYPE = 'trustee.roster';

/**
 * The roster: the n trustees' signed identities, in index order 1..n. It needs no signature of
 * its own: every identity in it is self-signed, and every trustee compares the fingerprints out
 * of band before dealing, so a roster with a substituted identity is caught.
 */
export const rosterSchema = z.strictObject({
  type: z.literal(ROSTER_TYPE),
  election: electionIdSchema,
  trustees: z.array(identityFileSchema).min(1).max(255),
});
export type RosterFile = z.infer<typeof rosterSchema>;

/** The election's ceremony setting: manifest, group and the verified roster. */
export interface ElectionRoster<E> {
  readonly manifest: ElectionManifest;
  readonly group: Group<E>;
  readonly election: string;
  readonly threshold: number;
  readonly count: number;
  /** trustees[j − 1] is trustee j. */
  readonly trustees: readonly TrusteeIdentity<E>[];
}

export function createRoster(election: string, identities: readonly IdentityFile[]): RosterFile {
  const trustees = [...identities].sort((a, b) => a.payload.trustee - b.payload.trustee);
  return { type: ROSTER_TYPE, election, trustees };
}

/**
 * Verifies a roster against the manifest: the same election, exactly `trustees.count` identities
 * with indices 1..n in order, each valid, and no signing or share-encryption key used twice (one
 * person holding two indices would hold two shares).
 */
export function openRoster<E>(group: Group<E>, manifest: ElectionManifest, roster: RosterFile): ElectionRoster<E> {
  if (group.name !== manifest.group) throw new RangeError(`the manifest's group is ${manifest.group}, not ${group.name}`);
  if (roster.election !== manifest.id) throw new InvalidFileError('election', `expected election "${manifest.id}", got "${roster.election}"`);
  const { threshold, count } = manifest.trustees;
  if (roster.trustees.length !== count) throw new InvalidFileError('trustees', `the manifest has ${count} trustees, the roster ${roster.trustees.length}`);
  const trustees = roster.trustees.map((file, k) => {
    if (file.payload.trustee !== k + 1)
      throw new InvalidFileError(`trustees[${k}].payload.trustee`, `expected trustee ${k + 1} at position ${k + 1}, got ${file.payload.trustee}`);
    return openIdentity(group, manifest.id, file, `trustees[${k}].payload`);
  });
  for (let a = 0; a < trustees.length; a++)
    for (let b = 0; b < a; b++) {
      if (equalBytes(trustees[a].signingKey, trustees[b].signingKey))
        throw new VerificationError(`trustees[${a}]`, `trustees ${b + 1} and ${a + 1} have the same signing key`);
      if (group.equals(trustees[a].shareKey, trustees[b].shareKey))
        throw new VerificationError(`trustees[${a}]`, `trustees ${b + 1} and ${a + 1} have the same share-encryption key`);
    }
  return { manifest, group, election: manifest.id, threshold, count, trustees };
}

/** The verified identity of trustee j. */
export function trusteeOf<E>(roster: ElectionRoster<E>, j: number): TrusteeIdentity<E> {
  const t = roster.trustees[j - 1];
  if (!t) throw new RangeError(`no trustee ${j} in a roster of ${roster.count}`);
  return t;
}
