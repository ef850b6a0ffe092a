/**
 * The two steps that connect a trustee to the board without a network: `enroll` (a registration
 * request with a proof of possession bound to the board) and `approve` (a signed contribution to
 * the negotiation on the manifest), run as the real tool under the network guard.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '@ostraka/crypto';
import { canonicalJson, fullManifestSchema, peerRegistrationSchema, type Json } from '@ostraka/protocol';
import { envelopeSchema, SEED_ENTRY_TYPES, verifyEntryStatement, verifyKeyPossession, verifyNegotiationText } from '@ostraka/protocol/log';
import { electionDir, readJson } from './election.js';
import { trustee } from './harness.js';

const BOARD = '00112233445566778899aabbccddeeff';

describe('trustee enroll and approve', () => {
  const { dir, manifest: base } = electionDir();
  const manifest = fullManifestSchema.parse({
    ...base,
    board: BOARD,
    authority: 'ab'.repeat(16),
    mixServers: ['cd'.repeat(16)],
    questions: [{ kind: 'plurality', id: 'q', title: 'Q', candidates: ['a', 'b'], allowBlank: false }],
    voting: { opens: '2026-12-01T08:00:00.000Z', closes: '2026-12-01T20:00:00.000Z' },
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const init = trustee(dir, 'init', '--manifest', 'manifest.json', '--index', '2', '--name', 'Bea', '--passphrase-file', 'pass.txt', '--kdf-cost', '14');

  it('writes a registration request whose key proof is bound to the manifest’s board', () => {
    expect(init.code).toBe(0);
    const run = trustee(dir, 'enroll', '--keystore', 'trustee-2.keystore.json', '--manifest', 'manifest.json', '--passphrase-file', 'pass.txt');
    expect(run.code, run.stderr).toBe(0);
    expect(run.network).toEqual([]);
    const r = peerRegistrationSchema.parse(readJson(dir, 'registration-2.json'));
    const identity = readJson(dir, 'trustee-2.identity.json') as { payload: { signingKey: string } };
    expect(r.key_data).toBe(identity.payload.signingKey);
    expect(r.peer_type).toBe('TRUSTEE');
    expect(verifyKeyPossession(fromHex(r.key_data), BOARD, r.key_id, r.key_proof)).toBe(true);
    expect(verifyKeyPossession(fromHex(r.key_data), 'ff'.repeat(16), r.key_id, r.key_proof)).toBe(false);
  });

  it('writes a contribution envelope that signs the canonical manifest for that negotiation', () => {
    const negotiation = '12'.repeat(32);
    const run = trustee(dir, 'approve', '--keystore', 'trustee-2.keystore.json', '--manifest', 'manifest.json', '--negotiation', negotiation, '--seq', '2', '--passphrase-file', 'pass.txt');
    expect(run.code, run.stderr).toBe(0);
    expect(run.network).toEqual([]);
    expect(run.stdout).toContain('question     q (plurality): Q');
    const envelope = envelopeSchema.parse(readJson(dir, 'approval-2.json'));
    const key = fromHex((readJson(dir, 'trustee-2.identity.json') as { payload: { signingKey: string } }).payload.signingKey);
    const payload = envelope.payload as { text: string; signature: string; seq: number; negotiation_id: string };
    expect(payload.text).toBe(canonicalJson(manifest as unknown as Json));
    expect(payload.seq).toBe(2);
    expect(verifyNegotiationText(key, BOARD, negotiation, payload.text, payload.signature)).toBe(true);
    const statement = { board: BOARD, type: SEED_ENTRY_TYPES.negotiationContribute, signer: envelope.signer, payload: envelope.payload };
    expect(verifyEntryStatement(key, statement, envelope.signature)).toBe(true);
    expect(verifyEntryStatement(key, { ...statement, board: 'ff'.repeat(16) }, envelope.signature)).toBe(false);
  });

  it('refuses a manifest without the board fields, and a malformed negotiation id, writing nothing', () => {
    writeFileSync(join(dir, 'ceremony-only.json'), JSON.stringify(base));
    const noBoard = trustee(dir, 'enroll', '--keystore', 'trustee-2.keystore.json', '--manifest', 'ceremony-only.json', '--passphrase-file', 'pass.txt', '--out', 'x.json');
    expect(noBoard.code).toBe(2);
    expect(noBoard.stderr).toMatch(/ceremony-only\.json/);
    const badId = trustee(dir, 'approve', '--keystore', 'trustee-2.keystore.json', '--manifest', 'manifest.json', '--negotiation', 'xyz', '--seq', '1', '--passphrase-file', 'pass.txt', '--out', 'y.json');
    expect(badId.code).toBe(2);
  });
});
