import { checkDeal, createComplaint, receiveShare, type Complaint } from '@ostraka/crypto';
import { signComplaints } from '@ostraka/protocol';
import { flag, KEYSTORE_OPTIONS, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { checkOwnIdentity, fileDigest, loadManifest, loadRoster, openKeystore } from '../context.js';
import { readDeals } from '../deal-files.js';
import { commitsTo, dealerPolynomial } from '../dealer-polynomial.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { ensureWritable, jsonText, writeFileAtomic } from '../files.js';

export const receiveSpec: CommandSpec = {
  name: 'dkg receive',
  summary: 'Check every share dealt to you; write your complaints (an empty list if all are correct).',
  usage: '--keystore FILE --manifest FILE --roster FILE [options] DEAL_FILE...',
  details: [
    'Decrypts the share each dealer sent you and checks it against the dealer’s commitments. For a',
    'bad share it writes a complaint that anyone can check: it reveals the key of that one share',
    'with a proof, so everyone can see the dealer cheated, and the dealer is disqualified. Post the',
    'complaints file even when it is empty: it says you checked.',
  ].join('\n'),
  options: {
    ...KEYSTORE_OPTIONS,
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    roster: { type: 'string', value: 'FILE', description: 'the roster of trustee identities (from the board)' },
    out: { type: 'string', value: 'FILE', description: 'the complaints file to write (default: complaints-N.json)' },
    force: { type: 'boolean', description: 'replace an existing complaints file' },
  },
  positionals: 'the deal files from the board (yours may be included; it is checked too)',
};

export async function runReceive(parsed: ParsedArgs): Promise<number> {
  if (parsed.positionals.length === 0) throw new UsageError('give the deal files from the board');
  const rosterPath = requireString(parsed, 'roster');
  const { manifest, group } = loadManifest(requireString(parsed, 'manifest'));
  const roster = loadRoster(rosterPath, manifest);
  const deals = readDeals(roster, parsed.positionals);
  const keystore = await openKeystore(requireString(parsed, 'keystore'), manifest, optionalString(parsed, 'passphrase-file'));
  checkOwnIdentity(keystore, roster, rosterPath);
  const me = keystore.trustee;
  const out = optionalString(parsed, 'out') ?? `complaints-${me}.json`;
  ensureWritable(out, flag(parsed, 'force'));
  const params = { election: manifest.id, threshold: manifest.trustees.threshold, count: manifest.trustees.count };
  const holder = { index: me, secret: keystore.shareSecret, shareKey: keystore.shareKey };
  const complaints: Complaint<unknown>[] = [];
  const lines: string[] = [];
  for (let dealer = 1; dealer <= params.count; dealer++) {
    const mine = deals.filter((d) => d.deal.dealer === dealer);
    const who = `dealer ${String(dealer).padStart(3)}`;
    if (mine.length === 0) {
      lines.push(`${who}  no deal given${dealer === me ? ' (yours)' : ': it will not qualify unless its deal reaches you'}`);
      continue;
    }
    if (mine.length > 1) {
      lines.push(`${who}  posted ${mine.length} different deals (${mine.map((d) => d.path).join(', ')}): disqualified by anyone, no complaint needed`);
      continue;
    }
    const { deal, path } = mine[0];
    const problem = checkDeal(group, params, deal);
    if (problem) {
      lines.push(`${who}  malformed deal in ${path}: ${problem}; disqualified by anyone, no complaint needed`);
      continue;
    }
    if (dealer === me) {
      // Our own deal: it must be the one our keystore deals, or someone posted in our name.
      const own = dealerPolynomial(group, keystore.dealSeed, manifest.id, me, params.threshold);
      if (!commitsTo(group, own, deal.commitments))
        throw new CheckFailedError(`${path}: this deal carries your signature but not your keystore's commitments`);
      lines.push(`${who}  your own deal: matches your keystore`);
      continue;
    }
    const received = receiveShare(group, manifest.id, deal, holder);
    if (received.ok) lines.push(`${who}  share correct`);
    else {
      complaints.push(createComplaint(group, manifest.id, deal, holder));
      lines.push(`${who}  BAD SHARE (${received.reason}): complaint written`);
    }
  }
  const text = jsonText(signComplaints(keystore.signingKey, group, manifest.id, me, complaints));
  writeFileAtomic(out, text, { overwrite: flag(parsed, 'force') });
  console.log(lines.join('\n'));
  console.log(`wrote       ${out}: ${complaints.length} complaint(s) (digest ${fileDigest(text)})`);
  console.log('next        post it to the board; when every trustee’s complaints are there, run `ostraka trustee dkg finalize`');
  return 0;
}
