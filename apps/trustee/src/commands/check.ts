import {
  CeremonyFailedError,
  checkDeal,
  fingerprint,
  firstInvalidPartial,
  groupByName,
  judgeComplaint,
  PartialDecryptionVerifier,
  toHex,
  verifyKeyShareProof,
  type Complaint,
  type Deal,
} from '@ostraka/crypto';
import {
  CIPHERTEXT_LIST_TYPE,
  ciphertextListSchema,
  checkFinalization,
  COMPLAINTS_TYPE,
  DEAL_TYPE,
  decodeCiphertextRange,
  electionManifestSchema,
  evaluateCeremonyFiles,
  FINALIZATION_TYPE,
  finalizationFileSchema,
  IDENTITY_TYPE,
  identityFileSchema,
  openCiphertextList,
  openFinalization,
  openIdentity,
  openPartialDecryptions,
  PARTIAL_DECRYPTION_TYPE,
  partialDecryptionFileSchema,
  ROSTER_TYPE,
  rosterSchema,
  openRoster,
  type ElectionManifest,
  type ElectionRoster,
  type PackedCiphertextList,
} from '@ostraka/protocol';
import { optionalString, type CommandSpec, type ParsedArgs } from '../args.js';
import { loadManifest, loadRoster, rosterTable } from '../context.js';
import { readComplaints, readDeals } from '../deal-files.js';
import { CheckFailedError, InputError, UsageError } from '../errors.js';
import { inFile, readFileAs, readJsonFile } from '../files.js';
import { KEYSTORE_TYPE, keystoreSchema } from '../keystore/format.js';
import { printable } from '../printable.js';

export const checkSpec: CommandSpec = {
  name: 'check',
  summary: 'Verify ceremony and decryption files before carrying them to or from the laptop.',
  usage: '[--manifest FILE] [--roster FILE] FILE...',
  details: [
    'Checks each file as far as the files given allow: its format and encodings, its election, its',
    'signature, its proofs; a deal for well-formedness, a complaint against the deal it accuses, a',
    'finalization against all deals and complaints, a partial decryption against the ciphertext list',
    'and the trustee’s verification key. Give all related files together for a complete check.',
    'Exit status: 0 all valid, 1 something is invalid, 2 a file cannot be read or is malformed.',
  ].join('\n'),
  options: {
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (needed for everything but identities)' },
    roster: { type: 'string', value: 'FILE', description: 'the roster (needed for signed ceremony and decryption files)' },
  },
  positionals: 'the files to check',
};

type Outcome = { ok: true; detail: string } | { ok: false; detail: string };

/** What the other files given provide as context. */
interface Context {
  manifest?: ElectionManifest;
  roster?: ElectionRoster<unknown>;
  deals: { path: string; deal: Deal<unknown> }[];
  complaints: Complaint<unknown>[];
  lists: { path: string; list: PackedCiphertextList }[];
  finalizations: string[];
}

export async function runCheck(parsed: ParsedArgs): Promise<number> {
  if (parsed.positionals.length === 0) throw new UsageError('give the files to check');
  const manifestPath = optionalString(parsed, 'manifest');
  const rosterPath = optionalString(parsed, 'roster');
  const ctx: Context = { deals: [], complaints: [], lists: [], finalizations: [] };
  if (manifestPath) ctx.manifest = loadManifest(manifestPath).manifest;
  if (rosterPath) {
    if (!ctx.manifest) throw new UsageError('--roster needs --manifest');
    ctx.roster = loadRoster(rosterPath, ctx.manifest);
    console.log(`OK    ${rosterPath}: roster of ${ctx.roster.count} trustees, ${ctx.roster.threshold} needed to decrypt\n${rosterTable(ctx.roster)}`);
  }
  let worst = 0;
  const report = (path: string, outcome: Outcome) => {
    console.log(`${outcome.ok ? 'OK  ' : 'FAIL'}  ${path}: ${printable(outcome.detail)}`);
    if (!outcome.ok) worst = Math.max(worst, 1);
  };
  const types = new Map<string, string>();
  // First pass: read everything (a malformed file stops here, exit 2), collecting context.
  for (const path of parsed.positionals) {
    const value = readJsonFile(path) as { payload?: { type?: unknown }; type?: unknown };
    const type = typeOf(value);
    types.set(path, type);
    if (type === DEAL_TYPE) ctx.deals.push(...readDeals(need(ctx, path, 'roster'), [path]).map((d) => ({ path, deal: d.deal })));
    if (type === COMPLAINTS_TYPE) ctx.complaints.push(...readComplaints(need(ctx, path, 'roster'), [path]).flatMap((c) => c.complaints));
    if (type === CIPHERTEXT_LIST_TYPE) {
      const manifest = need(ctx, path, 'manifest');
      const file = readFileAs(path, ciphertextListSchema);
      ctx.lists.push({ path, list: inFile(path, () => openCiphertextList(groupByName(manifest.group), manifest.id, file)) });
    }
    if (type === FINALIZATION_TYPE) ctx.finalizations.push(path);
  }
  for (const path of parsed.positionals) {
    try {
      report(path, checkOne(ctx, path, types.get(path)!));
    } catch (e) {
      if (e instanceof CheckFailedError) report(path, { ok: false, detail: e.message.replace(`${path}: `, '') });
      else if (e instanceof CeremonyFailedError) report(path, { ok: false, detail: `the ceremony failed: ${e.message}` });
      else throw e;
    }
  }
  return worst;
}

function typeOf(value: { payload?: { type?: unknown }; type?: unknown }): string {
  if (value && typeof value === 'object') {
    if (value.payload && typeof value.payload === 'object' && typeof value.payload.type === 'string') return value.payload.type;
    if (typeof value.type === 'string') return value.type;
  }
  return 'manifest';
}

function need<K extends 'manifest' | 'roster'>(ctx: Context, path: string, what: K): NonNullable<Context[K]> {
  const value = ctx[what];
  if (!value) throw new UsageError(`${path}: checking it needs --${what}`);
  return value as NonNullable<Context[K]>;
}

function checkOne(ctx: Context, path: string, type: string): Outcome {
  switch (type) {
    case 'manifest': {
      const m = readFileAs(path, electionManifestSchema);
      return { ok: true, detail: `manifest of election ${m.id} (${m.group}, ${m.trustees.threshold} of ${m.trustees.count} trustees)` };
    }
    case IDENTITY_TYPE: {
      const file = readFileAs(path, identityFileSchema);
      const election = ctx.manifest?.id ?? file.payload.election;
      const group = groupByName(ctx.manifest?.group ?? file.payload.group);
      const id = inFile(path, () => openIdentity(group, election, file));
      return { ok: true, detail: `identity of trustee ${id.trustee} (${id.name}), fingerprint ${id.fingerprint}` };
    }
    case ROSTER_TYPE: {
      const manifest = need(ctx, path, 'manifest');
      const roster = inFile(path, () => openRoster(groupByName(manifest.group), manifest, readFileAs(path, rosterSchema)));
      return { ok: true, detail: `roster of ${roster.count} trustees\n${rosterTable(roster)}` };
    }
    case KEYSTORE_TYPE: {
      const k = readFileAs(path, keystoreSchema);
      return { ok: true, detail: `keystore of trustee ${k.trustee} for election ${k.election}, ${k.ceremony ? 'finalized' : 'not finalized'} (sealed: not opened)` };
    }
    case DEAL_TYPE: {
      const roster = need(ctx, path, 'roster');
      const { deal } = ctx.deals.find((d) => d.path === path)!;
      const problem = checkDeal(roster.group, { election: roster.election, threshold: roster.threshold, count: roster.count }, deal);
      return problem ? { ok: false, detail: `deal of dealer ${deal.dealer} is malformed: ${problem}` } : { ok: true, detail: `deal of dealer ${deal.dealer}: signed, well-formed` };
    }
    case COMPLAINTS_TYPE:
      return checkComplaints(ctx, path);
    case FINALIZATION_TYPE:
      return checkFinalizationFile(ctx, path);
    case CIPHERTEXT_LIST_TYPE: {
      const { list } = ctx.lists.find((l) => l.path === path)!;
      inFile(path, () => decodeCiphertextRange(groupByName(list.group), list.packed, list.width, 0, list.count));
      return { ok: true, detail: `${list.count} ciphertexts of width ${list.width}, hash ${toHex(list.hash)}` };
    }
    case PARTIAL_DECRYPTION_TYPE:
      return checkPartials(ctx, path);
    default:
      throw new InputError(path, 'payload.type', `unknown file type "${type}"`);
  }
}

function checkComplaints(ctx: Context, path: string): Outcome {
  const roster = need(ctx, path, 'roster');
  const [opened] = readComplaints(roster, [path]);
  if (opened.complaints.length === 0) return { ok: true, detail: `trustee ${opened.trustee} accepts every share (no complaints)` };
  const verdicts = opened.complaints.map((c) => {
    const deal = ctx.deals.find((d) => d.deal.dealer === c.dealer);
    if (!deal) return `against dealer ${c.dealer}: not judged (give its deal file)`;
    const v = judgeComplaint(roster.group, roster.election, deal.deal, roster.trustees[c.recipient - 1].shareKey, c);
    return `against dealer ${c.dealer}: ${v.upheld ? 'UPHELD' : 'void'} (${v.reason})`;
  });
  return { ok: true, detail: `trustee ${opened.trustee}'s complaints, signed:\n      ${verdicts.join('\n      ')}` };
}

function checkFinalizationFile(ctx: Context, path: string): Outcome {
  const roster = need(ctx, path, 'roster');
  const f = inFile(path, () => openFinalization(roster, readFileAs(path, finalizationFileSchema)));
  if (ctx.deals.length === 0) {
    if (!verifyKeyShareProof(roster.group, roster.election, f.trustee, f.verificationKey, f.proof))
      return { ok: false, detail: `trustee ${f.trustee}'s proof of knowledge of its key share does not verify` };
    return { ok: true, detail: `finalization of trustee ${f.trustee}: signed, proof valid; not compared with the deals (give the deal and complaints files)` };
  }
  const result = evaluateCeremonyFiles(roster, ctx.deals.map((d) => d.deal), ctx.complaints);
  try {
    checkFinalization(roster, result, f);
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
  return {
    ok: true,
    detail: `finalization of trustee ${f.trustee} agrees with the deals and complaints given: Q = [${result.qualified.join(', ')}], public key ${fingerprint(roster.group.encode(result.publicKey))}`,
  };
}

function checkPartials(ctx: Context, path: string): Outcome {
  const roster = need(ctx, path, 'roster');
  const file = readFileAs(path, partialDecryptionFileSchema);
  const entry = ctx.lists.find((l) => toHex(l.list.hash) === file.payload.list);
  if (!entry) throw new UsageError(`${path}: checking it needs the ciphertext list it decrypts (hash ${file.payload.list})`);
  const j = file.payload.trustee;
  const vk = verificationKeyFor(ctx, roster, j);
  if (!vk) throw new UsageError(`${path}: checking it needs trustee ${j}'s verification key: give the deal and complaints files, or its finalization file`);
  const submission = inFile(path, () => openPartialDecryptions(roster, entry.list, file));
  const ciphertexts = inFile(entry.path, () => decodeCiphertextRange(roster.group, entry.list.packed, entry.list.width, 0, entry.list.count));
  const bad = firstInvalidPartial(new PartialDecryptionVerifier(roster.group, roster.election, j, vk), ciphertexts, submission.partials);
  if (bad !== -1) return { ok: false, detail: `trustee ${j}'s proof of partial decryption ${bad} does not verify` };
  return { ok: true, detail: `trustee ${j}'s ${submission.partials.length} partial decryptions of ${entry.path}: signed, every proof valid` };
}

function verificationKeyFor(ctx: Context, roster: ElectionRoster<unknown>, j: number): unknown {
  if (ctx.deals.length) return evaluateCeremonyFiles(roster, ctx.deals.map((d) => d.deal), ctx.complaints).verificationKeys.get(j);
  for (const path of ctx.finalizations) {
    const f = inFile(path, () => openFinalization(roster, readFileAs(path, finalizationFileSchema)));
    if (f.trustee !== j) continue;
    if (!verifyKeyShareProof(roster.group, roster.election, j, f.verificationKey, f.proof))
      throw new CheckFailedError(`${path}: trustee ${j}'s proof of knowledge of its key share does not verify`);
    return f.verificationKey;
  }
  return undefined;
}
