import { CeremonyFailedError, combineShares, evaluatePolynomial, fingerprint, proveKeyShare, receiveShare } from '@ostraka/crypto';
import { DEAL_TYPE, COMPLAINTS_TYPE, evaluateCeremonyFiles, signFinalization } from '@ostraka/protocol';
import { flag, KEYSTORE_OPTIONS, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { checkOwnIdentity, fileDigest, loadManifest, loadRoster, openKeystore } from '../context.js';
import { readComplaints, readDeals, sortCeremonyFiles } from '../deal-files.js';
import { commitsTo, dealerPolynomial } from '../dealer-polynomial.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { ensureWritable, jsonText, writeFileAtomic } from '../files.js';
import { finalizedKeystore } from '../keystore/keystore.js';

export const finalizeSpec: CommandSpec = {
  name: 'dkg finalize',
  summary: 'Compute the election key, your key share and your verification key from the board’s deals and complaints.',
  usage: '--keystore FILE --manifest FILE --roster FILE [options] BOARD_FILE...',
  details: [
    'Give every deal and every complaints file from the board, after the complaint deadline. The',
    'tool judges every complaint, computes the qualified dealers Q and the joint public key, adds',
    'the shares of Q into your key share, stores it in your keystore (re-encrypted), and writes your',
    'finalization with a proof that you hold the key share. Compare the printed public key digest',
    'and Q with the other trustees: everyone must get the same.',
  ].join('\n'),
  options: {
    ...KEYSTORE_OPTIONS,
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    roster: { type: 'string', value: 'FILE', description: 'the roster of trustee identities (from the board)' },
    out: { type: 'string', value: 'FILE', description: 'the finalization file to write (default: finalization-N.json)' },
    force: { type: 'boolean', description: 'replace an existing finalization file' },
    'allow-missing-complaints': { type: 'boolean', description: 'finalize although a trustee posted no complaints file by the deadline' },
  },
  positionals: 'the deal and complaints files from the board',
};

export async function runFinalize(parsed: ParsedArgs): Promise<number> {
  if (parsed.positionals.length === 0) throw new UsageError('give the deal and complaints files from the board');
  const rosterPath = requireString(parsed, 'roster');
  const { manifest, group } = loadManifest(requireString(parsed, 'manifest'));
  const roster = loadRoster(rosterPath, manifest);
  const byType = sortCeremonyFiles(parsed.positionals, [DEAL_TYPE, COMPLAINTS_TYPE]);
  const deals = readDeals(roster, byType.get(DEAL_TYPE)!);
  const complaintFiles = readComplaints(roster, byType.get(COMPLAINTS_TYPE)!);
  const keystorePath = requireString(parsed, 'keystore');
  const keystore = await openKeystore(keystorePath, manifest, optionalString(parsed, 'passphrase-file'));
  checkOwnIdentity(keystore, roster, rosterPath);
  const me = keystore.trustee;
  const out = optionalString(parsed, 'out') ?? `finalization-${me}.json`;
  ensureWritable(out, flag(parsed, 'force'));

  let result;
  try {
    result = evaluateCeremonyFiles(roster, deals.map((d) => d.deal), complaintFiles.flatMap((c) => c.complaints));
  } catch (e) {
    if (e instanceof CeremonyFailedError) throw new CheckFailedError(`the ceremony failed: ${e.message}`);
    throw e;
  }
  // Every trustee posts a complaints file, even an empty one; finalizing without one of them could
  // keep a dealer that a missing complaint would disqualify, and give a key share that differs
  // from everyone else's.
  const missing = roster.trustees.map((t) => t.trustee).filter((j) => !complaintFiles.some((c) => c.trustee === j));
  if (missing.length && !flag(parsed, 'allow-missing-complaints'))
    throw new UsageError(
      `no complaints file from trustee(s) ${missing.join(', ')}: give every complaints file from the board, ` +
        'or, if a trustee never posted one by the deadline, add --allow-missing-complaints',
    );
  if (missing.length) process.stderr.write(`warning: finalizing without a complaints file from trustee(s) ${missing.join(', ')}\n`);

  // x_j = Σ_{i∈Q} s_ij: our own share from the keystore's polynomial, the others decrypted again.
  const holder = { index: me, secret: keystore.shareSecret, shareKey: keystore.shareKey };
  const shares = result.qualified.map((dealer) => {
    const deal = deals.find((d) => d.deal.dealer === dealer)!;
    if (dealer === me) {
      const own = dealerPolynomial(group, keystore.dealSeed, manifest.id, me, manifest.trustees.threshold);
      if (!commitsTo(group, own, deal.deal.commitments))
        throw new CheckFailedError(`${deal.path}: this deal carries your signature but not your keystore's commitments`);
      return evaluatePolynomial(group, own, me);
    }
    const received = receiveShare(group, manifest.id, deal.deal, holder);
    if (!received.ok)
      throw new CheckFailedError(
        `the share from dealer ${dealer} (${deal.path}) is bad (${received.reason}) but no upheld complaint disqualifies it: ` +
          'run `dkg receive` again and make sure your complaints file is among the files given',
      );
    return received.share;
  });
  const keyShare = combineShares(group, shares);
  const verificationKey = result.verificationKeys.get(me)!;
  if (!group.equals(group.multiply(group.generator, keyShare), verificationKey))
    throw new CheckFailedError('your key share does not match your verification key computed from the commitments');
  if (keystore.keyShare !== null && keystore.keyShare !== keyShare)
    throw new CheckFailedError(
      `${keystorePath} was already finalized with a different outcome (Q = [${keystore.ceremony!.qualified.join(', ')}]): the files given differ from last time. ` +
        'If they are now the complete set from the board, restore the keystore from the backup made before finalize and finalize again.',
    );

  const ceremony = { qualified: result.qualified, publicKey: result.publicKey, verificationKey };
  const finalization = signFinalization(keystore.signingKey, group, manifest.id, {
    trustee: me,
    ...ceremony,
    proof: proveKeyShare(group, manifest.id, me, keyShare, verificationKey),
  });
  // The keystore first: once the finalization is posted, the key share must already be safe.
  if (keystore.keyShare === null) writeFileAtomic(keystorePath, jsonText(finalizedKeystore(keystore, ceremony, keyShare)), { mode: 0o600, overwrite: true });
  const text = jsonText(finalization);
  writeFileAtomic(out, text, { overwrite: flag(parsed, 'force') });

  for (const d of result.disqualified) console.log(`disqualified  dealer ${d.dealer}: ${d.reason}`);
  for (const c of result.voidComplaints) console.log(`void          complaint of trustee ${c.recipient} against dealer ${c.dealer}: ${c.reason}`);
  console.log(`qualified     Q = [${result.qualified.join(', ')}]`);
  console.log(`public key    ${finalization.payload.publicKey}`);
  console.log(`fingerprint   ${fingerprint(group.encode(result.publicKey))} (compare with the other trustees: all must agree)`);
  console.log(`keystore      ${keystorePath} now holds your key share`);
  console.log(`wrote         ${out} (digest ${fileDigest(text)})`);
  return 0;
}
