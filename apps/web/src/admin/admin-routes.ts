import { Hono, type Context } from 'hono';
import { BoardHttpError } from '@ostraka/board/client';
import { InsufficientPartialsError } from '@ostraka/crypto';
import { MixRoundInvalidError } from '@ostraka/election';
import type { PeerRecord } from '@ostraka/board';
import { files, text } from '../http/form-fields.js';
import { html } from '../http/html.js';
import { notice } from '../http/layout.js';
import type { WebServices } from '../services.js';
import { adminPage } from './admin-layout.js';
import { ActionError, ElectionDriver } from './election-driver.js';
import { FlashMessages } from './flash.js';
import { liveStatus } from './live-status.js';
import { loginRoutes } from './login-routes.js';
import { formValues } from './manifest-form.js';
import { ceremonyPage } from './pages/ceremony-page.js';
import { credentialsPage } from './pages/credentials-page.js';
import { electionPage } from './pages/election-page.js';
import { electionsPage, type ElectionSummary } from './pages/elections-page.js';
import { newElectionPage } from './pages/new-election-page.js';
import { peersPage } from './pages/peers-page.js';
import { resultsPage, type PublishedTally } from './pages/results-page.js';
import { sessionGuard, type AdminEnv } from './session-guard.js';
import { recogniseFile, UnrecognisedFileError } from './uploaded-file.js';

type AdminContext = Context<AdminEnv>;

async function allPeers(s: WebServices): Promise<PeerRecord[]> {
  const out: PeerRecord[] = [];
  for (;;) {
    const page = await s.board.reader.peers({ after: out[out.length - 1]?.peerId, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out.sort((a, b) => a.entry - b.entry);
  }
}

/** The message of a failure the administrator can act on; anything else is rethrown (a 500, logged). */
function actionMessage(e: unknown): string | null {
  if (e instanceof ActionError) return e.message;
  if (e instanceof UnrecognisedFileError) return `the file ${e.message}`;
  // Too few valid partial decryptions: the message names every rejected file and why.
  if (e instanceof InsufficientPartialsError) return `the result cannot be computed yet: ${e.message}`;
  if (e instanceof MixRoundInvalidError) return e.message;
  if (e instanceof BoardHttpError && e.status < 500) return `the board refused it: ${e.message}`;
  return null;
}

/**
 * The admin under `/admin` (docs/web.md): sign-in, then pages that drive the elections this admin
 * runs through `ElectionDriver`. Every route but the sign-in page goes through the session guard
 * (anonymous: 303 to the sign-in page or 401; POST: same origin and CSRF token). Actions follow
 * post/redirect/get, with their outcome as a one-time message on the next page.
 */
export function adminRoutes(s: WebServices): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  const driver = new ElectionDriver(s);
  const flash = new FlashMessages();
  r.use('*', sessionGuard(s));
  r.route('/', loginRoutes(s));

  const render = (c: AdminContext, title: string, body: Parameters<typeof adminPage>[0]['body'], extra: { mainData?: Record<string, string>; status?: 200 | 400 | 403 | 404 | 409 } = {}) =>
    c.html(adminPage({ title, session: c.get('session'), body, flash: flash.take(c.get('session').csrf), mainData: extra.mainData }).value, extra.status ?? 200);

  /** Runs an action, then redirects (to `done` after success if given) with its outcome as a message. */
  const act = async (c: AdminContext, to: string, action: () => Promise<string | string[]>, done?: string) => {
    try {
      const lines = await action();
      flash.set(c.get('session').csrf, { kind: 'ok', lines: Array.isArray(lines) ? lines : [lines] });
      return c.redirect(done ?? to, 303);
    } catch (e) {
      const message = actionMessage(e);
      if (message === null) throw e;
      flash.set(c.get('session').csrf, { kind: 'error', lines: [message] });
      return c.redirect(to, 303);
    }
  };

  const liveData = (id: string) => ({ 'status-url': `/admin/elections/${id}/status.json`, 'poll-ms': String(s.pollMs) });

  r.get('/', async (c) => {
    const { elections } = await s.client.request<{ elections: ElectionSummary[] }>('GET', '/elections');
    const runBy = new Map<string, boolean>();
    for (const e of elections) runBy.set(e.id, (await driver.status(e.id)).manifest.authority === driver.authorityPeer);
    return render(c, 'Elections', electionsPage(s, driver, elections, runBy));
  });

  r.get('/peers', async (c) => render(c, 'Peers', peersPage(c.get('session'), await allPeers(s))));

  r.post('/peers', (c) =>
    act(c, '/admin/peers', async () => {
      const uploads = files(c.get('form'), 'files');
      if (uploads.length === 0) throw new ActionError('choose at least one file', 400);
      const lines: string[] = [];
      for (const file of uploads) {
        const recognised = recogniseFile(await file.text(), s.board.identity.id);
        if (recognised.kind !== 'registration') throw new ActionError(`${file.name} is not a registration request; trustee files go on the election's ceremony page`, 400);
        lines.push(await driver.registerPeer(recognised.registration));
      }
      return lines;
    }),
  );

  const mixPeers = async () => (await allPeers(s)).filter((p) => p.peerType === 'MIXNET');

  r.get('/elections/new', async (c) => render(c, 'New election', newElectionPage(c.get('session'), await mixPeers(), null, [], s.clock())));

  r.post('/elections', async (c) => {
    const values = formValues(c.get('form'));
    const result = await driver.createElection(values, c.get('session').username);
    if ('errors' in result) return render(c, 'New election', newElectionPage(c.get('session'), await mixPeers(), values, result.errors, s.clock()), { status: 400 });
    flash.set(c.get('session').csrf, { kind: 'ok', lines: [`election "${result.manifest.id}" created: its draft manifest is on the board`] });
    return c.redirect(`/admin/elections/${result.manifest.id}/ceremony`, 303);
  });

  const electionId = (c: AdminContext) => {
    const id = c.req.param('id') ?? '';
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new ActionError('no such election', 404);
    return id;
  };

  r.get('/elections/:id', async (c) => {
    const id = electionId(c);
    const status = await driver.status(id);
    return render(c, status.manifest.title, electionPage(c.get('session'), status, await liveStatus(s, status, driver.jobsOf(id)), driver.runs(status)), { mainData: { ...liveData(id), state: status.state } });
  });

  r.get('/elections/:id/status.json', async (c) => {
    const status = await driver.status(electionId(c));
    return c.json(await liveStatus(s, status, driver.jobsOf(status.id)));
  });

  r.get('/elections/:id/ceremony', async (c) => {
    const id = electionId(c);
    // A page load also takes any automatic step that is due (e.g. after a restart).
    const advanced = await driver.advance(id).catch((e: unknown) => {
      const message = actionMessage(e);
      if (message === null) throw e;
      return [`could not take the next step: ${message}`];
    });
    if (advanced.length) flash.set(c.get('session').csrf, { kind: 'ok', lines: advanced });
    const view = await driver.ceremony(id);
    return render(c, 'Key ceremony', ceremonyPage(c.get('session'), view, await liveStatus(s, view.status, driver.jobsOf(view.status.id)), driver.runs(view.status)), {
      mainData: { ...liveData(id), state: view.status.state },
    });
  });

  r.post('/elections/:id/files', (c) => {
    const id = electionId(c);
    return act(c, `/admin/elections/${id}/ceremony`, async () => {
      const uploads = files(c.get('form'), 'files');
      if (uploads.length === 0) throw new ActionError('choose at least one file', 400);
      const lines: string[] = [];
      for (const file of uploads) {
        try {
          lines.push(...(await driver.relay(id, recogniseFile(await file.text(), s.board.identity.id))));
        } catch (e) {
          const message = e instanceof UnrecognisedFileError ? e.message : actionMessage(e);
          if (message === null) throw e;
          throw new ActionError(`${file.name}: ${message}${lines.length ? ` (before it: ${lines.join('; ')})` : ''}`, 400);
        }
      }
      return lines;
    });
  });

  r.post('/elections/:id/ready', (c) => {
    const id = electionId(c);
    return act(c, `/admin/elections/${id}/ceremony`, () => driver.declareReady(id));
  });

  r.get('/elections/:id/credentials', async (c) => {
    const status = await driver.status(electionId(c));
    return render(c, 'Voters', credentialsPage(c.get('session'), status, driver.runs(status)), { mainData: { ...liveData(status.id), state: status.state } });
  });

  r.post('/elections/:id/credentials', async (c) => {
    const id = electionId(c);
    const count = Number(text(c.get('form'), 'count'));
    let codes: string[];
    try {
      codes = await driver.generateCredentials(id, count);
    } catch (e) {
      const message = actionMessage(e);
      if (message === null) throw e;
      flash.set(c.get('session').csrf, { kind: 'error', lines: [message] });
      return c.redirect(`/admin/elections/${id}/credentials`, 303);
    }
    const origin = new URL(c.req.url).origin;
    const rows = codes.map((code, i) => `${id},${i + 1},${code},${origin}/vote/${id}`);
    c.header('Content-Disposition', `attachment; filename="codes-${id}-${s.clock()}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(['election,voter,code,booth', ...rows].join('\r\n') + '\r\n', 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  for (const [path, step] of [
    ['open', (id: string) => driver.openVoting(id)],
    ['close', (id: string) => driver.closeVoting(id)],
    ['mixing', (id: string) => driver.startMixing(id)],
    ['decrypting', (id: string) => driver.startDecrypting(id, actionMessage)],
  ] as const)
    r.post(`/elections/:id/${path}`, (c) => {
      const id = electionId(c);
      return act(c, `/admin/elections/${id}`, () => step(id));
    });

  r.post('/elections/:id/tally', (c) => {
    const id = electionId(c);
    return act(c, `/admin/elections/${id}`, () => driver.startTally(id, actionMessage));
  });

  r.get('/elections/:id/results', async (c) => {
    const status = await driver.status(electionId(c));
    const published = status.tally_entry === null ? null : await s.client.request<PublishedTally>('GET', `/elections/${status.id}/tally`);
    return render(c, 'Results', resultsPage(status, published, new URL(c.req.url).origin), { mainData: { ...liveData(status.id), state: status.state } });
  });

  r.onError((err, c) => {
    const message = actionMessage(err);
    if (message === null) throw err;
    const status = err instanceof ActionError ? err.status : 409;
    const session = (c as AdminContext).get('session');
    if (!session) throw err;
    return c.html(adminPage({ title: 'Error', session, body: html`<h1>That did not work</h1>${notice('error', [message])}<p><a href="/admin">Back to the elections</a></p>` }).value, status);
  });
  return r;
}
