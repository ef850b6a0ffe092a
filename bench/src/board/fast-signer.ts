import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { signedMessage, type SigningKey } from '@ostraka/crypto';
import { ENTRY_DOMAIN, entryStatementBytes, keyId, type Envelope, type JsonObject } from '@ostraka/protocol/log';

/**
 * The load generator's signer. Ed25519 is deterministic (RFC 8032), so OpenSSL's signature on a
 * message is byte-identical to @noble/curves'; signing with node:crypto only makes the client
 * cheap (tens of µs instead of ~0.6 ms), leaving the machine's cores to the board under test,
 * which verifies every signature with @noble/curves as in production.
 */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function fastSigner(key: SigningKey): (board: string, type: string, payload: JsonObject) => Envelope {
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, key.secretKey]), format: 'der', type: 'pkcs8' });
  const signer = keyId(key.publicKey);
  return (board, type, payload) => {
    const message = signedMessage(ENTRY_DOMAIN, entryStatementBytes({ board, type, signer, payload }));
    return { payload, signer, signature: nodeSign(null, message, privateKey).toString('hex') };
  };
}
