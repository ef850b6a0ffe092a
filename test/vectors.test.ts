/**
 * docs/vectors/*.json are part of the specification. This test regenerates every file from its
 * fixed seeds and compares byte for byte (so a changed encoding or hash input is caught), refuses
 * files that no generator produces, and checks that the proofs in the files verify from the JSON
 * alone, the way an independent verifier would read them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeCiphertext,
  decodeEncryptionProof,
  decodeSchnorrProof,
  fromHex,
  groupByName,
  verifyDleq,
  verifyEncryption,
  verifySchnorr,
  verifySignature,
} from '@ostraka/crypto';
import { allVectorFiles } from '../scripts/dist/vectors/index.js';

const dir = new URL('../docs/vectors/', import.meta.url);
const generated = allVectorFiles();

describe('docs/vectors', () => {
  it('holds exactly the generated files', () => {
    const onDisk = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(onDisk).toEqual(Object.keys(generated).sort());
  });

  for (const [name, content] of Object.entries(generated)) {
    it(`${name} matches its generator (run \`npm run vectors\` after an intended change)`, () => {
      expect(readFileSync(new URL(name, dir), 'utf8')).toBe(JSON.stringify(content, null, 2) + '\n');
    });
  }

  it('core-proofs.json verifies from the file alone', () => {
    const cases = JSON.parse(readFileSync(new URL('core-proofs.json', dir), 'utf8'));
    for (const v of cases) {
      const G = groupByName(v.group);
      const el = (h: string) => G.decode(fromHex(h));
      expect(verifySchnorr(G, v.context, el(v.schnorr.public), decodeSchnorrProof(G, fromHex(v.schnorr.proof)))).toBe(true);
      const statement = { bases: v.dleq.bases.map(el), publics: v.dleq.publics.map(el) };
      expect(verifyDleq(G, v.context, statement, decodeSchnorrProof(G, fromHex(v.dleq.proof)))).toBe(true);
      const e = v.encryption;
      const width = e.plaintext_elements.length;
      expect(
        verifyEncryption(
          G,
          v.context,
          fromHex(e.credential),
          el(e.public_key),
          decodeCiphertext(G, fromHex(e.ciphertext), width),
          decodeEncryptionProof(G, fromHex(e.proof), width),
        ),
      ).toBe(true);
    }
  });

  it('core-signatures.json verifies', () => {
    const v = JSON.parse(readFileSync(new URL('core-signatures.json', dir), 'utf8'));
    for (const c of v.cases) {
      expect(verifySignature(fromHex(v.public_key), c.domain, fromHex(c.payload), fromHex(c.signature))).toBe(true);
      expect(verifySignature(fromHex(v.public_key), c.domain + 'x', fromHex(c.payload), fromHex(c.signature))).toBe(false);
    }
  });
});
