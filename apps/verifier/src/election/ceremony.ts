/**
 * The key ceremony (docs/crypto.md §8.1–8.6, docs/trustee-guide.md §File formats): each trustee
 * file checked on its own (identity, deal, complaints, finalization), and the evaluation anyone
 * can do from the posted files: complaints judged, the qualified set, the joint key and every
 * trustee's verification key.
 */
import { isRecord, type Json } from '../encoding/canonical-json.js';
import { equalBytes } from '../encoding/bytes.js';
import { parseHex } from '../encoding/hex.js';
import { fieldsProblem, isInteger } from '../encoding/shape.js';
import type { Group, Point } from '../crypto/group.js';
import { openShare } from '../crypto/share-encryption.js';
import { verifyDleq, verifySchnorr } from '../crypto/sigma.js';
import { fingerprint } from '../log/ed25519.js';
import { equation, type EquationId } from '../report/equation.js';
import type { Manifest } from './manifest.js';
import { fileSignatureHolds, readSignedFile, type SignedFile } from './signed-file.js';

export interface Identity {
  trustee: number;
  signingKey: Uint8Array;
  signingKeyHex: string;
  shareKey: Point;
  shareKeyHex: string;
}

export interface Share {
  recipient: number;
  ephemeral: Point;
  ciphertext: Uint8Array;
}

export interface Deal {
  dealer: number;
  commitments: Point[];
  shares: Share[];
}

export interface Complaint {
  by: number;
  dealer: number;
  sharedPoint: Point;
  proof: Uint8Array;
}

export interface CeremonyContext {
  group: Group;
  manifest: Manifest;
  /** Identities by trustee index (the roster once all n are posted). */
  identities: Map<number, Identity>;
}

/** Why a file is refused: the check (an equation id, or `ceremony.file` for its form) and the reason. */
export interface Rejection {
  check: EquationId | 'ceremony.file';
  reason: string;
}
export const isRejection = (v: unknown): v is Rejection => typeof v === 'object' && v !== null && 'check' in v && 'reason' in v;
const form = (reason: string): Rejection => ({ check: 'ceremony.file', reason });

const NAME_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function element(group: Group, value: Json | undefined, what: string): Point | Rejection {
  const bytes = parseHex(value, group.elementLength);
  if (!bytes) return form(`${what} is not a ${group.elementLength}-byte element in hex`);
  const p = group.decode(bytes);
  return typeof p === 'string' ? form(`${what}: ${p}`) : p;
}

/**
 * Where a check reports an equation that fails. The file is still taken as posted (the board
 * accepted it), so that one wrong equation is reported once and not again by everything after it.
 */
export type Report = (r: Rejection) => void;

/** Reads the envelope and checks its signature under the author's signing key. */
function signedBy(file: Json, type: string, key: Uint8Array | undefined, what: string, report: Report): SignedFile | Rejection {
  const f = readSignedFile(file, type);
  if (typeof f === 'string') return form(`${what}: ${f}`);
  if (!key) return form(`${what}: no identity of its author`);
  if (!equation('ceremony.file-signature', fileSignatureHolds(f, key))) report({ check: 'ceremony.file-signature', reason: `${what}: the file signature does not verify under the trustee's signing key` });
  return f;
}

export function checkIdentity(ctx: CeremonyContext, j: number, file: Json, report: Report): Identity | Rejection {
  const { group, manifest } = ctx;
  const f = readSignedFile(file, 'trustee.identity');
  if (typeof f === 'string') return form(`trustee ${j}'s identity: ${f}`);
  const p = f.payload;
  const shape = fieldsProblem(p, ['type', 'election', 'group', 'trustee', 'name', 'signingKey', 'shareKey', 'shareKeyProof', 'fingerprint']);
  if (shape) return form(`trustee ${j}'s identity: ${shape}`);
  if (p.election !== manifest.id || p.group !== manifest.group) return form(`trustee ${j}'s identity is for another election or group`);
  if (p.trustee !== j) return form(`the identity of trustee ${j} names trustee ${String(p.trustee)}`);
  const name = p.name;
  if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 200 || NAME_CONTROL.test(name)) return form(`trustee ${j}'s name is not 1–200 characters without control or formatting characters`);
  const signingKey = parseHex(p.signingKey, 32);
  if (!signingKey) return form(`trustee ${j}'s signingKey is not a 32-byte key in hex`);
  if (p.fingerprint !== fingerprint(signingKey)) return form(`trustee ${j}'s fingerprint is not the fingerprint of its signingKey`);
  const shareKey = element(group, p.shareKey, `trustee ${j}'s shareKey`);
  if (isRejection(shareKey)) return shareKey;
  const proof = parseHex(p.shareKeyProof, 64);
  if (!proof) return form(`trustee ${j}'s shareKeyProof is not 64 bytes of hex`);
  const pok = verifySchnorr(group, { election: manifest.id, step: `dkg/share-key/trustee-${j}` }, group.generator, shareKey, proof);
  if (!equation('ceremony.identity-proof', pok.ok)) report({ check: 'ceremony.identity-proof', reason: `trustee ${j}'s shareKeyProof does not verify` });
  const signed = signedBy(file, 'trustee.identity', signingKey, `trustee ${j}'s identity`, report);
  if (isRejection(signed)) return signed;
  return { trustee: j, signingKey, signingKeyHex: p.signingKey as string, shareKey, shareKeyHex: p.shareKey as string };
}

export function checkDeal(ctx: CeremonyContext, i: number, file: Json, report: Report): Deal | Rejection {
  const { group, manifest } = ctx;
  const what = `dealer ${i}'s deal`;
  const f = signedBy(file, 'dkg.deal', ctx.identities.get(i)?.signingKey, what, report);
  if (isRejection(f)) return f;
  const p = f.payload;
  const shape = fieldsProblem(p, ['type', 'election', 'dealer', 'commitments', 'proof', 'shares']);
  if (shape) return form(`${what}: ${shape}`);
  if (p.election !== manifest.id) return form(`${what} is for another election`);
  if (p.dealer !== i) return form(`${what} names dealer ${String(p.dealer)}`);
  const t = manifest.trustees.threshold;
  if (!Array.isArray(p.commitments) || p.commitments.length !== t) return form(`${what}: commitments is not a list of exactly t = ${t} elements`);
  const commitments: Point[] = [];
  for (let k = 0; k < t; k++) {
    const c = element(group, p.commitments[k], `${what}, commitment ${k}`);
    if (isRejection(c)) return c;
    commitments.push(c);
  }
  const proof = parseHex(p.proof, 64);
  if (!proof) return form(`${what}: proof is not 64 bytes of hex`);
  const pok = verifySchnorr(group, { election: manifest.id, step: `dkg/deal/dealer-${i}` }, group.generator, commitments[0], proof);
  if (!equation('ceremony.deal-proof', pok.ok)) report({ check: 'ceremony.deal-proof', reason: `${what}: the proof of knowledge of a_${i}0 does not verify` });
  const recipients = Array.from({ length: manifest.trustees.count }, (_, k) => k + 1).filter((j) => j !== i);
  if (!Array.isArray(p.shares) || p.shares.length !== recipients.length) return form(`${what}: not one share for each of the other ${recipients.length} trustees`);
  const shares: Share[] = [];
  for (let k = 0; k < recipients.length; k++) {
    const s = p.shares[k];
    if (fieldsProblem(s, ['recipient', 'ephemeral', 'ciphertext']) || !isRecord(s)) return form(`${what}: share ${k} is not {recipient, ephemeral, ciphertext}`);
    if (s.recipient !== recipients[k]) return form(`${what}: share ${k} is for ${String(s.recipient)}, not ${recipients[k]} (ascending, every other trustee once)`);
    const ephemeral = element(group, s.ephemeral, `${what}, share ${k} ephemeral`);
    if (isRejection(ephemeral)) return ephemeral;
    const ciphertext = parseHex(s.ciphertext, 48);
    if (!ciphertext) return form(`${what}: share ${k} ciphertext is not 48 bytes of hex`);
    shares.push({ recipient: recipients[k], ephemeral, ciphertext });
  }
  return { dealer: i, commitments, shares };
}

export function checkComplaints(ctx: CeremonyContext, j: number, file: Json, report: Report): Complaint[] | Rejection {
  const { group, manifest } = ctx;
  const what = `trustee ${j}'s complaints`;
  const f = signedBy(file, 'dkg.complaints', ctx.identities.get(j)?.signingKey, what, report);
  if (isRejection(f)) return f;
  const p = f.payload;
  const shape = fieldsProblem(p, ['type', 'election', 'trustee', 'complaints']);
  if (shape) return form(`${what}: ${shape}`);
  if (p.election !== manifest.id) return form(`${what} are for another election`);
  if (p.trustee !== j) return form(`${what} name trustee ${String(p.trustee)}`);
  if (!Array.isArray(p.complaints)) return form(`${what}: complaints is not a list`);
  const out: Complaint[] = [];
  let previous = 0;
  for (const [k, c] of p.complaints.entries()) {
    if (fieldsProblem(c, ['dealer', 'sharedPoint', 'proof']) || !isRecord(c)) return form(`${what}: complaint ${k} is not {dealer, sharedPoint, proof}`);
    if (!isInteger(c.dealer, 1, manifest.trustees.count) || c.dealer <= previous) return form(`${what}: dealers are not trustee indices in ascending order, each once`);
    previous = c.dealer;
    const sharedPoint = element(group, c.sharedPoint, `${what}, complaint ${k} sharedPoint`);
    if (isRejection(sharedPoint)) return sharedPoint;
    const proof = parseHex(c.proof, 64);
    if (!proof) return form(`${what}: complaint ${k} proof is not 64 bytes of hex`);
    out.push({ by: j, dealer: c.dealer, sharedPoint, proof });
  }
  return out;
}

/** Judges a complaint (docs/crypto.md §8.5): upheld or void, and why. */
export function judge(ctx: CeremonyContext, deal: Deal, c: Complaint): { upheld: boolean; reason: string } {
  const { group, manifest } = ctx;
  const share = deal.shares.find((s) => s.recipient === c.by);
  if (!share) return { upheld: false, reason: 'void: the deal has no share for the complainant' };
  const recipient = ctx.identities.get(c.by)!;
  const context = { election: manifest.id, step: `dkg/complaint/dealer-${c.dealer}/recipient-${c.by}` };
  const proven = verifyDleq(group, context, [group.generator, share.ephemeral], [recipient.shareKey, c.sharedPoint], c.proof).ok;
  if (!equation('ceremony.complaint-proof', proven)) return { upheld: false, reason: 'void: the proof of the shared point does not verify' };
  const opened = openShare({ group, election: manifest.id, dealer: c.dealer, recipient: c.by }, recipient.shareKey, share.ephemeral, c.sharedPoint, share.ciphertext);
  const why = 'failure' in opened ? `the share ${opened.failure}` : feldmanHolds(group, deal.commitments, c.by, opened.share) ? null : 'the share fails Feldman\'s equation';
  if (!equation('ceremony.share', why === null)) return { upheld: true, reason: `upheld: ${why}` };
  return { upheld: false, reason: 'void: the share is correct (a false complaint)' };
}

/** Π_k A_k^{(j^k)} by Horner's rule in the exponent. */
export function evaluateCommitments(group: Group, commitments: Point[], j: number): Point {
  let acc = commitments[commitments.length - 1];
  for (let k = commitments.length - 2; k >= 0; k--) acc = group.multiply(acc, BigInt(j)).add(commitments[k]);
  return acc;
}

export function feldmanHolds(group: Group, commitments: Point[], j: number, share: bigint): boolean {
  const left = share === 0n ? group.identity : group.multiply(group.generator, share);
  return left.equals(evaluateCommitments(group, commitments, j));
}

export interface Evaluation {
  qualified: number[];
  /** Null when the ceremony fails (fewer than t qualified dealers). */
  publicKey: Point | null;
  verificationKeys: Map<number, Point>;
  /** Every judged complaint, for the report. */
  verdicts: string[];
}

/** The ceremony's outcome from the posted deals and complaints (docs/crypto.md §8.6). */
export function evaluate(ctx: CeremonyContext, deals: Map<number, Deal>, complaints: Complaint[]): Evaluation {
  const { group, manifest } = ctx;
  const disqualified = new Set<number>();
  const verdicts: string[] = [];
  for (const c of complaints) {
    const deal = deals.get(c.dealer);
    if (!deal) continue;
    const v = judge(ctx, deal, c);
    verdicts.push(`complaint of trustee ${c.by} against dealer ${c.dealer}: ${v.reason}`);
    if (v.upheld) disqualified.add(c.dealer);
  }
  const qualified = [...deals.keys()].filter((i) => !disqualified.has(i)).sort((a, b) => a - b);
  const verificationKeys = new Map<number, Point>();
  const t = manifest.trustees.threshold;
  if (qualified.length < t) return { qualified, publicKey: null, verificationKeys, verdicts };
  const aggregated: Point[] = [];
  for (let k = 0; k < t; k++) aggregated.push(qualified.map((i) => deals.get(i)!.commitments[k]).reduce((a, b) => a.add(b)));
  for (let j = 1; j <= manifest.trustees.count; j++) verificationKeys.set(j, evaluateCommitments(group, aggregated, j));
  return { qualified, publicKey: aggregated[0], verificationKeys, verdicts };
}

/** A finalization agrees with the evaluation and proves knowledge of x_j (docs/crypto.md §8.6). */
export function checkFinalization(ctx: CeremonyContext, j: number, file: Json, evaluation: Evaluation, report: Report): true | Rejection {
  const { group, manifest } = ctx;
  const what = `trustee ${j}'s finalization`;
  const f = signedBy(file, 'dkg.finalization', ctx.identities.get(j)?.signingKey, what, report);
  if (isRejection(f)) return f;
  const p = f.payload;
  const shape = fieldsProblem(p, ['type', 'election', 'trustee', 'qualified', 'publicKey', 'verificationKey', 'proof']);
  if (shape) return form(`${what}: ${shape}`);
  if (p.election !== manifest.id) return form(`${what} is for another election`);
  if (p.trustee !== j) return form(`${what} names trustee ${String(p.trustee)}`);
  if (!evaluation.publicKey) return { check: 'ceremony.finalization-keys', reason: `${what}: the ceremony fails (${evaluation.qualified.length} qualified dealers, fewer than t = ${manifest.trustees.threshold})` };
  const vk = evaluation.verificationKeys.get(j)!;
  const agrees =
    Array.isArray(p.qualified) &&
    p.qualified.join() === evaluation.qualified.join() &&
    equalHex(p.publicKey, group.encode(evaluation.publicKey)) &&
    equalHex(p.verificationKey, group.encode(vk));
  if (!equation('ceremony.finalization-keys', agrees))
    report({ check: 'ceremony.finalization-keys', reason: `${what}: qualified, publicKey or verificationKey differ from the ceremony's evaluation (qualified [${evaluation.qualified.join(', ')}])` });
  const proof = parseHex(p.proof, 64);
  if (!proof) return form(`${what}: proof is not 64 bytes of hex`);
  const pok = verifySchnorr(group, { election: manifest.id, step: `dkg/key-share/trustee-${j}` }, group.generator, vk, proof);
  if (!equation('ceremony.finalization-proof', pok.ok)) report({ check: 'ceremony.finalization-proof', reason: `${what}: the proof of knowledge of x_${j} does not verify` });
  return true;
}

function equalHex(value: Json | undefined, bytes: Uint8Array): boolean {
  const v = parseHex(value);
  return v !== null && equalBytes(v, bytes);
}
