import { checkDeal, createDeal } from '@ostraka/crypto';
import { signDeal } from '@ostraka/protocol';
import { flag, KEYSTORE_OPTIONS, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { checkOwnIdentity, fileDigest, loadManifest, loadRoster, openKeystore, rosterTable } from '../context.js';
import { dealerPolynomial } from '../dealer-polynomial.js';
import { ensureWritable, jsonText, writeFileAtomic } from '../files.js';

export const dealSpec: CommandSpec = {
  name: 'dkg deal',
  summary: 'Deal your part of the election key: commitments, a proof, and one encrypted share per other trustee.',
  usage: '--keystore FILE --manifest FILE --roster FILE [options]',
  details: [
    'Before dealing, compare every fingerprint printed below with the one each trustee read out.',
    'Your polynomial is derived from a secret in your keystore, so dealing again gives the same',
    'commitments and shares; still, post only one deal.',
  ].join('\n'),
  options: {
    ...KEYSTORE_OPTIONS,
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    roster: { type: 'string', value: 'FILE', description: 'the roster of trustee identities (from the board)' },
    out: { type: 'string', value: 'FILE', description: 'the deal file to write (default: deal-N.json)' },
    force: { type: 'boolean', description: 'replace an existing deal file' },
  },
};

export async function runDeal(parsed: ParsedArgs): Promise<number> {
  const manifestPath = requireString(parsed, 'manifest');
  const rosterPath = requireString(parsed, 'roster');
  const keystorePath = requireString(parsed, 'keystore');
  const { manifest, group } = loadManifest(manifestPath);
  const roster = loadRoster(rosterPath, manifest);
  const keystore = await openKeystore(keystorePath, manifest, optionalString(parsed, 'passphrase-file'));
  checkOwnIdentity(keystore, roster, rosterPath);
  const me = keystore.trustee;
  const out = optionalString(parsed, 'out') ?? `deal-${me}.json`;
  ensureWritable(out, flag(parsed, 'force'));
  const { threshold, count } = manifest.trustees;
  const coefficients = dealerPolynomial(group, keystore.dealSeed, manifest.id, me, threshold);
  const recipients = roster.trustees.filter((t) => t.trustee !== me).map((t) => ({ index: t.trustee, shareKey: t.shareKey }));
  const deal = createDeal(group, manifest.id, me, coefficients, recipients);
  // The tool checks its own output as anyone will.
  const problem = checkDeal(group, { election: manifest.id, threshold, count }, deal);
  if (problem) throw new Error(`internal error: the new deal fails its own check (${problem})`);
  const text = jsonText(signDeal(keystore.signingKey, group, manifest.id, deal));
  writeFileAtomic(out, text, { overwrite: flag(parsed, 'force') });
  console.log(`election  ${manifest.id}: ${threshold} of ${count} trustees needed to decrypt`);
  console.log('roster (compare every fingerprint with the one its trustee read out):');
  console.log(rosterTable(roster, me));
  console.log(`wrote     ${out}: ${threshold} commitments, ${recipients.length} encrypted shares (digest ${fileDigest(text)})`);
  console.log('next      post it to the board; when every deal is there, run `ostraka trustee dkg receive`');
  return 0;
}
