/**
 * The voter's path through real processes: `ostraka vote` (answers by name, by index, from a
 * choices file; re-voting), its refusals (a mistyped code, a code of no voter, answers that break
 * the rules, a code on the command line, voting after close), the board's refusals of a copied
 * ballot, a replayed one and one for another election, `ostraka receipt check` (pending, counted,
 * replaced, a forged receipt, an unreadable one, a missing entry); then mixing, decryption and a
 * tally equal to the count of what the voters cast.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardRequestError, castBallot, createBallot, generateCredentialCode, type Receipt } from '@ostraka/client';
import { encodeBallot, type Answer } from '@ostraka/protocol';
import { DemoElection, ExpectedCount, runMixServers, tallyDifferences, type VoterRoll } from 'ostraka/demo';
import { openElection, scratchDir, silentBar } from './e2e-support/election.js';

let e: DemoElection;
let roll: VoterRoll;
const scratch = scratchDir('voter');
const dir = scratch.dir;
let expected: ExpectedCount;

/** Runs `ostraka <args>` in the election directory; resolves with its exit code and output. */
async function ostraka(name: string, args: string[], stdin?: string) {
  return e.runner.start(name, args, { cwd: dir, input: stdin }).exited;
}

function codeFile(voter: number, text = roll.codes[voter]): string {
  const path = join(dir, `code-${voter}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(path, `${text}\n`, { mode: 0o600 });
  return path;
}

const vote = (voter: number, extra: string[], receipt?: string) =>
  ostraka(`vote-${voter}`, ['vote', '--board', e.board.url, '--election', e.id, '--code-file', codeFile(voter), ...(receipt ? ['--receipt', receipt] : []), ...extra]);

const check = (file: string, json = false) => ostraka('receipt-check', ['receipt', 'check', '--board', e.board.url, ...(json ? ['--json'] : []), file]);

async function refusal(p: Promise<unknown>): Promise<BoardRequestError> {
  const err = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(err).toBeInstanceOf(BoardRequestError);
  return err as BoardRequestError;
}

describe('a voter with ostraka vote and ostraka receipt check', () => {
  beforeAll(async () => {
    ({ e, roll } = await openElection(dir, { voters: 6 }));
    expected = new ExpectedCount(e.manifest.questions);
  }, 180_000);
  afterAll(async () => {
    await e?.stop();
    scratch.remove();
  });

  const mayorAda: Answer[] = [
    { kind: 'plurality', candidate: 0 },
    { kind: 'approval', candidates: [1, 4] },
    { kind: 'ranked', ranking: [2, 0] },
    { kind: 'write-in', text: 'Grün und frei' },
  ];

  it('casts with answers given by name and by index, saves the receipt and prints the tracker', async () => {
    const done = await vote(0, ['--answer', 'mayor=alice moreau', '--answer', 'council=1,Ines Duarte', '--answer', 'budget=Schools,0', '--answer', 'motto=Grün und frei'], 'receipt-0.json');
    expect(done.code, done.stderr).toBe(0);
    const receipt = JSON.parse(readFileSync(join(dir, 'receipt-0.json'), 'utf8')) as Receipt;
    expect(done.stdout).toContain(`tracker    ${receipt.tracker}`);
    expect(done.stdout).toContain('Mayor: Alice Moreau');
    expect(done.stdout).toContain('1. Schools  2. Parks');
    expected.cast(0, encodeBallot(e.manifest.questions, mayorAda));
  });

  it('says PENDING for a receipt while voting is open', async () => {
    const done = await check('receipt-0.json');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('PENDING');
    expect(done.stdout).toContain('ok    inclusion');
  });

  it('re-votes from a choices file (an array in question order); the last ballot counts', async () => {
    writeFileSync(join(dir, 'choices-1.json'), JSON.stringify([3, ['Erin Walsh'], ['Libraries', 'Parks', 'Cycle lanes'], '']));
    expect((await vote(1, ['--choices', 'choices-1.json'], 'receipt-1a.json')).code).toBe(0);
    writeFileSync(join(dir, 'choices-1b.json'), JSON.stringify({ mayor: null, council: [], budget: [4], motto: 'Keep it weird' }));
    const again = await vote(1, ['--choices', 'choices-1b.json'], 'receipt-1b.json');
    expect(again.code, again.stderr).toBe(0);
    expected.cast(
      1,
      encodeBallot(e.manifest.questions, [
        { kind: 'plurality', candidate: null },
        { kind: 'approval', candidates: [] },
        { kind: 'ranked', ranking: [4] },
        { kind: 'write-in', text: 'Keep it weird' },
      ]),
    );
  });

  it('reads the code from standard input', async () => {
    const done = await ostraka('vote-stdin', ['vote', '--board', e.board.url, '--election', e.id, '--code-stdin', '--answer', 'mayor=1', '--answer', 'council=none', '--answer', 'budget=1', '--answer', 'motto=', '--receipt', 'receipt-2.json'], `${roll.codes[2]}\n`);
    expect(done.code, done.stderr).toBe(0);
    expected.cast(2, encodeBallot(e.manifest.questions, [
      { kind: 'plurality', candidate: 1 },
      { kind: 'approval', candidates: [] },
      { kind: 'ranked', ranking: [1] },
      { kind: 'write-in', text: '' },
    ]));
  });

  it('refuses, with exit 2 and a message naming the problem, before anything is cast', async () => {
    const answers = ['--answer', 'mayor=0', '--answer', 'council=0', '--answer', 'budget=0', '--answer', 'motto='];
    const typo = roll.codes[3].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const mistyped = await ostraka('vote-typo', ['vote', '--board', e.board.url, '--election', e.id, '--code-file', codeFile(3, typo), ...answers]);
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toMatch(/typing mistake/);
    const noSuch = await vote(3, ['--answer', 'mayor=Nobody', '--answer', 'council=0', '--answer', 'budget=0', '--answer', 'motto=']);
    expect(noSuch.code).toBe(2);
    expect(noSuch.stderr).toMatch(/question "mayor" \(Mayor\) has no candidate "Nobody"; its candidates are 0 = Alice Moreau/);
    const tooMany = await vote(3, ['--answer', 'mayor=0', '--answer', 'council=0,1,2,3', '--answer', 'budget=0', '--answer', 'motto=']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/at most 3 candidates may be approved/);
    const missing = await vote(3, ['--answer', 'mayor=0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no answer for question "council"/);
    const onCommandLine = await ostraka('vote-argv', ['vote', '--board', e.board.url, '--election', e.id, '--code', roll.codes[3], ...answers]);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/never given on the command line/);
    expect(onCommandLine.stderr).not.toContain(roll.codes[3]);
    expect((await e.authority.status()).ballots_cast).toBe(4);
  });

  it('reports a code that is no voter of this election (exit 1) and a missing election', async () => {
    const stranger = await ostraka('vote-stranger', ['vote', '--board', e.board.url, '--election', e.id, '--code-file', codeFile(3, generateCredentialCode()), '--answer', 'mayor=0', '--answer', 'council=0', '--answer', 'budget=0', '--answer', 'motto=']);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/the code is not a voting code of election "e2e-election".*no ballot was cast/);
    const nowhere = await ostraka('vote-nowhere', ['vote', '--board', e.board.url, '--election', 'no-such-election', '--code-file', codeFile(3), '--answer', 'mayor=0']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/there is no election "no-such-election"/);
  });

  it('the board refuses a copied ballot, a replayed one and one for another election', async () => {
    const status = await e.authority.status();
    const election = { id: e.id, authority: e.authority.peerId, ballotCycle: status.ballot_cycle as number };
    const [k3, k4] = [roll.keys[3], roll.keys[4]];
    const answers: Answer[] = [{ kind: 'plurality', candidate: 2 }, { kind: 'approval', candidates: [0] }, { kind: 'ranked', ranking: [3] }, { kind: 'write-in', text: 'By the river' }];
    // Voter 3 casts, and the exact request is kept (what an eavesdropper or the network could replay).
    let request: { url: string; body: string } | null = null;
    const recording: typeof fetch = async (url, init) => {
      if (init?.method === 'POST') request = { url: String(url), body: String(init.body) };
      return fetch(url, init);
    };
    const ballot = createBallot(e.manifest, e.jointKey, answers, k3);
    await castBallot(e.board.url, election, ballot, k3, recording);
    expected.cast(3, encodeBallot(e.manifest.questions, answers));

    // The same bytes again: refused, nothing new on the board.
    const before = (await e.authority.status()).ballots_cast;
    const { url, body } = request as unknown as { url: string; body: string };
    const replay = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('REPLAY');
    // The voting client sending it again (the same signed envelope): the same refusal.
    expect((await refusal(castBallot(e.board.url, election, ballot, k3))).code).toBe('REPLAY');
    // Voter 4 copies voter 3's ballot under its own credential: the proof is bound to voter 3's.
    const copy = await refusal(castBallot(e.board.url, election, { ...ballot, credential: Buffer.from(k4.publicKey).toString('hex') }, k4));
    expect([copy.status, copy.code]).toEqual([400, 'BAD_BALLOT']);
    // A ballot made for another election, cast here with a registered credential: refused as it
    // is, and refused when relabelled with this election's id (its proof names the other one).
    const foreign = createBallot({ ...e.manifest, id: 'other-election' }, e.jointKey, answers, k4);
    const asIs = await refusal(castBallot(e.board.url, election, foreign, k4));
    expect([asIs.status, asIs.code]).toEqual([400, 'BAD_BALLOT']);
    expect(asIs.message).toMatch(/collects ballots for election "e2e-election", not "other-election"/);
    const relabelled = await refusal(castBallot(e.board.url, election, { ...foreign, election: e.id }, k4));
    expect([relabelled.status, relabelled.code]).toEqual([400, 'BAD_BALLOT']);
    expect(relabelled.message).toMatch(/proof/);
    expect((await e.authority.status()).ballots_cast).toBe(before);
  });

  it('after voting closes, ostraka vote says so (exit 1) and the board refuses a late ballot', async () => {
    await e.closeVoting();
    const late = await vote(4, ['--answer', 'mayor=0', '--answer', 'council=0', '--answer', 'budget=0', '--answer', 'motto=']);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/voting is closed.*no ballot was cast/);
    const status = await e.authority.status();
    const direct = await refusal(
      castBallot(e.board.url, { id: e.id, authority: e.authority.peerId, ballotCycle: status.ballot_cycle as number }, createBallot(e.manifest, e.jointKey, mayorAda, roll.keys[4]), roll.keys[4]),
    );
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(direct.status).toBeLessThan(500);
  });

  it('checks receipts: counted, replaced, forged, unreadable, missing', async () => {
    const counted = await check('receipt-0.json');
    expect(counted.code, counted.stdout).toBe(0);
    expect(counted.stdout).toContain('COUNTED');
    const replaced = await check('receipt-1a.json', true);
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ ok: true, valid: true, counted: 'replaced' });
    expect((await check('receipt-1b.json', true)).stdout).toContain('"counted":"counted"');

    const receipt = JSON.parse(readFileSync(join(dir, 'receipt-0.json'), 'utf8')) as Receipt;
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ...receipt, tracker: 'ab'.repeat(32) }));
    const forged = await check('forged.json');
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/FAIL {2}ballot/);
    writeFileSync(join(dir, 'gone.json'), JSON.stringify({ ...receipt, entry: { ...receipt.entry, index: 10_000_000 } }));
    const gone = await check('gone.json', true);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stdout)).toMatchObject({ valid: false, counted: 'missing' });
    writeFileSync(join(dir, 'junk.json'), '{"type": "something else"}');
    const junk = await check('junk.json');
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/not an ostraka ballot receipt/);
    expect((await check('no-such-file.json')).code).toBe(2);
  });

  it('mixes, decrypts with one trustee absent, and tallies exactly what the voters cast', async () => {
    await runMixServers(e, 1, silentBar);
    await e.startDecrypting();
    await e.trusteesDecrypt([1, 3], 1);
    const outcome = await e.tally();
    expect(outcome.decryptions).toEqual([1, 3]);
    expect(tallyDifferences(outcome.tally, expected.tally())).toEqual([]);
    expect(outcome.tally.ballots).toBe(4);
  });
});
