import { electionIdSchema, identityFileSchema } from '@ostraka/protocol';
import { z } from 'zod';

export const KEYSTORE_TYPE = 'trustee.keystore';

/** scrypt cost bounds, as log2(N). 17 is the default; below it only for tests and very small machines. */
export const DEFAULT_KDF_COST = 17;
export const MIN_KDF_COST = 14;
export const MAX_KDF_COST = 20;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${2 * bytes}}$`), `expected ${bytes} bytes of lower-case hex`);

/**
 * The keystore file (docs/trustee-guide.md §Keystore): public header fields in clear, the secrets
 * sealed with XChaCha20-Poly1305 under a key from scrypt(passphrase). The whole header is the
 * AEAD's associated data, so changing any of it (the trustee index, the recorded ceremony
 * outcome, the KDF cost) makes the keystore refuse to open.
 */
export const keystoreSchema = z.strictObject({
  type: z.literal(KEYSTORE_TYPE),
  version: z.literal(1),
  election: electionIdSchema,
  group: z.enum(['ristretto255', 'p256']),
  trustee: z.int().min(1).max(255),
  /** This trustee's signed public identity, as posted. */
  identity: identityFileSchema,
  /** The outcome of the ceremony as this trustee finalized it; null before `dkg finalize`. */
  ceremony: z
    .strictObject({
      qualified: z.array(z.int().min(1).max(255)).min(1),
      publicKey: z.string().regex(/^[0-9a-f]+$/),
      verificationKey: z.string().regex(/^[0-9a-f]+$/),
    })
    .nullable(),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    logN: z.int().min(MIN_KDF_COST).max(MAX_KDF_COST),
    r: z.literal(8),
    p: z.literal(1),
    salt: hex(16),
  }),
  cipher: z.strictObject({ name: z.literal('xchacha20-poly1305'), nonce: hex(24) }),
  /** The sealed secrets: AEAD ciphertext and tag, hex. */
  secrets: z.string().regex(/^([0-9a-f]{2})+$/, 'expected lower-case hex'),
});
export type KeystoreFile = z.infer<typeof keystoreSchema>;
export type KeystoreHeader = Omit<KeystoreFile, 'kdf' | 'cipher' | 'secrets'>;

/** The sealed plaintext, canonical JSON of hex fields. */
export const keystoreSecretsSchema = z.strictObject({
  /** The Ed25519 secret key (32 bytes). */
  signingKey: hex(32),
  /** e_j, the share-encryption secret scalar. */
  shareSecret: hex(32),
  /** 32 bytes from which this trustee's dealer polynomial is derived (dealer-polynomial.ts). */
  dealSeed: hex(32),
  /** x_j, once the ceremony is finalized. */
  keyShare: hex(32).optional(),
});
export type KeystoreSecretsJson = z.infer<typeof keystoreSecretsSchema>;
