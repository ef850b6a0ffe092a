import {
  csprng,
  equalBytes,
  fromHex,
  groupByName,
  signingKeyFromSecret,
  toHex,
  type Group,
  type SigningKey,
} from '@ostraka/crypto';
import { canonicalJsonBytes, parseWith, type IdentityFile } from '@ostraka/protocol';
import { KeystoreError } from '../errors.js';
import { inFile, readFileAs } from '../files.js';
import { KEYSTORE_TYPE, keystoreSchema, keystoreSecretsSchema, type KeystoreFile, type KeystoreHeader, type KeystoreSecretsJson } from './format.js';
import { seal, unseal } from './seal.js';

/** The outcome of the ceremony as recorded at finalize. */
export interface RecordedCeremony<E> {
  readonly qualified: readonly number[];
  readonly publicKey: E;
  readonly verificationKey: E;
}

/** An opened keystore: the trustee's secrets in memory, only for the duration of one command. */
export interface UnlockedKeystore<E> {
  readonly path: string;
  readonly file: KeystoreFile;
  readonly group: Group<E>;
  readonly election: string;
  readonly trustee: number;
  readonly identity: IdentityFile;
  readonly signingKey: SigningKey;
  readonly shareSecret: bigint;
  readonly shareKey: E;
  readonly dealSeed: Uint8Array;
  readonly keyShare: bigint | null;
  readonly ceremony: RecordedCeremony<E> | null;
  /** Kept to re-seal the keystore at finalize without asking twice. */
  readonly passphrase: string;
}

export interface NewSecrets {
  readonly signingKey: SigningKey;
  readonly shareSecret: bigint;
}

export function newSecrets(group: Group<unknown>): NewSecrets & { dealSeed: Uint8Array } {
  return { signingKey: signingKeyFromSecret(csprng(32)), shareSecret: group.scalars.randomNonZero(csprng), dealSeed: csprng(32) };
}

function secretsBytes(group: Group<unknown>, s: { signingKey: SigningKey; shareSecret: bigint; dealSeed: Uint8Array; keyShare: bigint | null }): Uint8Array {
  const json: KeystoreSecretsJson = {
    signingKey: toHex(s.signingKey.secretKey),
    shareSecret: toHex(group.scalars.encode(s.shareSecret)),
    dealSeed: toHex(s.dealSeed),
    ...(s.keyShare !== null ? { keyShare: toHex(group.scalars.encode(s.keyShare)) } : {}),
  };
  return canonicalJsonBytes(json);
}

export function createKeystore(
  group: Group<unknown>,
  args: { election: string; trustee: number; identity: IdentityFile; signingKey: SigningKey; shareSecret: bigint; dealSeed: Uint8Array },
  passphrase: string,
  logN: number,
): KeystoreFile {
  const header = { type: KEYSTORE_TYPE, version: 1, election: args.election, group: group.name, trustee: args.trustee, identity: args.identity, ceremony: null } as const;
  return seal(header, secretsBytes(group, { ...args, keyShare: null }), passphrase, logN);
}

/** Reads, validates and opens a keystore, then checks that its secrets match its public identity. */
export function unlockKeystore(path: string, passphrase: string): UnlockedKeystore<unknown> {
  const file = readFileAs(path, keystoreSchema);
  const plaintext = unseal(file, passphrase);
  const inconsistent = (what: string) => new KeystoreError(`${path}: the keystore is inconsistent (${what}); restore it from your backup`);
  let secrets: KeystoreSecretsJson;
  try {
    secrets = parseWith(keystoreSecretsSchema, JSON.parse(new TextDecoder().decode(plaintext)));
  } catch {
    throw inconsistent('unreadable secrets');
  }
  const group = groupByName(file.group);
  const id = file.identity.payload;
  if (id.election !== file.election || id.trustee !== file.trustee || id.group !== file.group) throw inconsistent('identity of another trustee');
  const signingKey = signingKeyFromSecret(fromHex(secrets.signingKey));
  if (toHex(signingKey.publicKey) !== id.signingKey) throw inconsistent('signing key');
  const shareSecret = inFile(path, () => group.scalars.decode(fromHex(secrets.shareSecret), 'shareSecret'));
  const shareKey = group.multiply(group.generator, shareSecret);
  if (!equalBytes(group.encode(shareKey), fromHex(id.shareKey))) throw inconsistent('share-encryption key');
  let ceremony: RecordedCeremony<unknown> | null = null;
  let keyShare: bigint | null = null;
  if (file.ceremony) {
    if (secrets.keyShare === undefined) throw inconsistent('finalized without a key share');
    keyShare = inFile(path, () => group.scalars.decode(fromHex(secrets.keyShare as string), 'keyShare'));
    const verificationKey = inFile(path, () => group.decode(fromHex(file.ceremony!.verificationKey), 'ceremony.verificationKey'));
    if (!group.equals(group.multiply(group.generator, keyShare), verificationKey)) throw inconsistent('key share');
    ceremony = {
      qualified: file.ceremony.qualified,
      publicKey: inFile(path, () => group.decode(fromHex(file.ceremony!.publicKey), 'ceremony.publicKey')),
      verificationKey,
    };
  } else if (secrets.keyShare !== undefined) throw inconsistent('a key share without a ceremony');
  return {
    path,
    file,
    group,
    election: file.election,
    trustee: file.trustee,
    identity: file.identity,
    signingKey,
    shareSecret,
    shareKey,
    dealSeed: fromHex(secrets.dealSeed),
    keyShare,
    ceremony,
    passphrase,
  };
}

/** The keystore re-sealed (fresh salt and nonce, same cost) with the ceremony's outcome and x_j. */
export function finalizedKeystore<E>(k: UnlockedKeystore<E>, ceremony: RecordedCeremony<E>, keyShare: bigint): KeystoreFile {
  const G = k.group;
  const header: KeystoreHeader = {
    type: KEYSTORE_TYPE,
    version: 1,
    election: k.election,
    group: G.name,
    trustee: k.trustee,
    identity: k.identity,
    ceremony: {
      qualified: [...ceremony.qualified],
      publicKey: toHex(G.encode(ceremony.publicKey)),
      verificationKey: toHex(G.encode(ceremony.verificationKey)),
    },
  };
  return seal(header, secretsBytes(G as Group<unknown>, { ...k, keyShare }), k.passphrase, k.file.kdf.logN);
}
