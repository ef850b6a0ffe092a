import { canonicalJson, fullManifestSchema, type Json } from '@ostraka/protocol';
import { signEnvelope, signNegotiationText, SEED_ENTRY_TYPES } from '@ostraka/protocol/log';
import { flag, integerOption, KEYSTORE_OPTIONS, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { fileDigest, openKeystore } from '../context.js';
import { UsageError } from '../errors.js';
import { ensureWritable, jsonText, readFileAs, writeFileAtomic } from '../files.js';
import { printable } from '../printable.js';

export const approveSpec: CommandSpec = {
  name: 'approve',
  summary: 'Approve the election manifest: your signed contribution to the board’s negotiation on it.',
  usage: '--keystore FILE --manifest FILE --negotiation ID --seq N [options]',
  details: [
    'Read the summary printed below before carrying the file back: by approving, you agree that this',
    'manifest (questions, trustees, mix servers, board) is the election. The authority gives you the',
    'negotiation id and your sequence number (your turn in the negotiation: usually your index).',
  ].join('\n'),
  options: {
    ...KEYSTORE_OPTIONS,
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    negotiation: { type: 'string', value: 'ID', description: 'the negotiation id (64 hex digits)' },
    seq: { type: 'string', value: 'N', description: 'the number of contributions before yours' },
    out: { type: 'string', value: 'FILE', description: 'the approval to write (default: approval-N.json)' },
    force: { type: 'boolean', description: 'replace an existing approval file' },
  },
};

export async function runApprove(parsed: ParsedArgs): Promise<number> {
  const manifest = readFileAs(requireString(parsed, 'manifest'), fullManifestSchema);
  const negotiation = requireString(parsed, 'negotiation');
  if (!/^[0-9a-f]{64}$/.test(negotiation)) throw new UsageError('--negotiation must be 64 lower-case hex digits');
  const seq = integerOption(parsed, 'seq', undefined, 0, 256);
  const keystore = await openKeystore(requireString(parsed, 'keystore'), manifest, optionalString(parsed, 'passphrase-file'));
  const out = optionalString(parsed, 'out') ?? `approval-${keystore.trustee}.json`;
  ensureWritable(out, flag(parsed, 'force'));
  const text = canonicalJson(manifest as unknown as Json);
  const envelope = signEnvelope(keystore.signingKey, manifest.board, SEED_ENTRY_TYPES.negotiationContribute, {
    operation: 'action',
    action: 'contribute',
    resource: 'negotiation',
    negotiation_id: negotiation,
    text,
    signature: signNegotiationText(keystore.signingKey, manifest.board, negotiation, text),
    seq,
  });
  const written = jsonText(envelope);
  writeFileAtomic(out, written, { overwrite: flag(parsed, 'force') });
  console.log(`election     ${manifest.id}: ${printable(manifest.title)}`);
  console.log(`board        ${manifest.board}`);
  console.log(`trustees     ${manifest.trustees.threshold} of ${manifest.trustees.count}; mix servers ${manifest.mixServers.length}; group ${manifest.group}`);
  for (const q of manifest.questions) console.log(`question     ${q.id} (${q.kind}): ${printable(q.title)}`);
  console.log(`voting       ${manifest.voting.opens} to ${manifest.voting.closes}`);
  console.log(`wrote        ${out} (digest ${fileDigest(written)})`);
  console.log('next         carry it to the election authority, who posts it to the negotiation');
  return 0;
}
