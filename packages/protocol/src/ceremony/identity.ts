import {
  decodeSchnorrProof,
  encodeSchnorrProof,
  fingerprint,
  fromHex,
  proveShareKey,
  toHex,
  VerificationError,
  verifyShareKeyProof,
  type Group,
  type RandomSource,
  type SigningKey,
} from '@ostraka/crypto';
import { z } from 'zod';
import { displayTextSchema, electionIdSchema } from '../manifest.js';
import { decodeField, InvalidFileError } from './errors.js';
import { hexOfLength, packedHex, trusteeIndex } from './hex.js';
import { signedFileSchema, signPayload, verifyPayloadSignature, type SignedFile } from './signed.js';

export const IDENTITY_TYPE = 'trustee.identity';

/** The fingerprint format of `fingerprint` in @ostraka/crypto: 10 bytes of SHA-256, grouped by 2. */
const FINGERPRINT_PATTERN = /^[0-9a-f]{4}(:[0-9a-f]{4}){4}$/;

/**
 * A trustee's public identity for one election: its index in the roster, its name, its Ed25519
 * signing key, its share-encryption key E_j with a proof of knowledge of e_j, and the fingerprint
 * of its signing key, which trustees compare out of band (read aloud, on paper) before the
 * ceremony. Signed by the signing key itself.
 */
export const identityPayloadSchema = z.strictObject({
  type: z.literal(IDENTITY_TYPE),
  election: electionIdSchema,
  group: z.enum(['ristretto255', 'p256']),
  trustee: trusteeIndex,
  name: displayTextSchema(200),
  signingKey: hexOfLength(32),
  shareKey: packedHex,
  shareKeyProof: packedHex,
  fingerprint: z.string().regex(FINGERPRINT_PATTERN, 'expected a fingerprint such as 1a2b:3c4d:5e6f:7a8b:9c0d'),
});
export type IdentityPayload = z.infer<typeof identityPayloadSchema>;
export const identityFileSchema = signedFileSchema(identityPayloadSchema);
export type IdentityFile = SignedFile<IdentityPayload>;

/** An identity after strict decoding and verification. */
export interface TrusteeIdentity<E> {
  readonly trustee: number;
  readonly name: string;
  readonly signingKey: Uint8Array;
  readonly shareKey: E;
  readonly fingerprint: string;
  readonly file: IdentityFile;
}

export function createIdentity<E>(
  group: Group<E>,
  args: { election: string; trustee: number; name: string; signingKey: SigningKey; shareSecret: bigint },
  rng?: RandomSource,
): IdentityFile {
  const shareKey = group.multiply(group.generator, args.shareSecret);
  const proof = proveShareKey(group, args.election, args.trustee, args.shareSecret, shareKey, rng);
  return signPayload(args.signingKey, {
    type: IDENTITY_TYPE,
    election: args.election,
    group: group.name,
    trustee: args.trustee,
    name: args.name,
    signingKey: toHex(args.signingKey.publicKey),
    shareKey: toHex(group.encode(shareKey)),
    shareKeyProof: toHex(encodeSchnorrProof(group, proof)),
    fingerprint: fingerprint(args.signingKey.publicKey),
  });
}

/**
 * Decodes and verifies an identity (already parsed with identityFileSchema): strict encodings
 * (InvalidFileError), then the fingerprint, the self-signature and the proof of knowledge of e_j
 * (VerificationError).
 */
export function openIdentity<E>(group: Group<E>, election: string, file: IdentityFile, prefix = 'payload'): TrusteeIdentity<E> {
  const p = file.payload;
  if (p.election !== election) throw new InvalidFileError(`${prefix}.election`, `expected election "${election}", got "${p.election}"`);
  if (p.group !== group.name) throw new InvalidFileError(`${prefix}.group`, `expected group ${group.name}, got ${p.group}`);
  const signingKey = decodeField(() => fromHex(p.signingKey, `${prefix}.signingKey`, 32));
  const shareKey = decodeField(() => group.decode(fromHex(p.shareKey, `${prefix}.shareKey`), `${prefix}.shareKey`));
  const proof = decodeField(() => decodeSchnorrProof(group, fromHex(p.shareKeyProof, `${prefix}.shareKeyProof`), `${prefix}.shareKeyProof`));
  if (p.fingerprint !== fingerprint(signingKey))
    throw new VerificationError(`${prefix}.fingerprint`, `does not match the signing key (expected ${fingerprint(signingKey)})`);
  if (!verifyPayloadSignature(signingKey, file)) throw new VerificationError('signature', `the identity of trustee ${p.trustee} is not signed by its signing key`);
  if (!verifyShareKeyProof(group, election, p.trustee, shareKey, proof))
    throw new VerificationError(`${prefix}.shareKeyProof`, `the proof of knowledge of trustee ${p.trustee}'s share-encryption key does not verify`);
  return { trustee: p.trustee, name: p.name, signingKey, shareKey, fingerprint: p.fingerprint, file };
}
