import { html, type Html } from '../http/html.js';
import { notice, page } from '../http/layout.js';
import type { Session } from '../admin-store/sessions.js';

export interface Flash {
  readonly kind: 'ok' | 'error';
  readonly lines: readonly string[];
}

/** The hidden CSRF field every admin form carries (checked on every POST). */
export function csrfField(session: Session): Html {
  return html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
}

export function adminPage(o: { title: string; session: Session; body: Html; flash?: Flash | null; scripts?: string[]; mainData?: Record<string, string> }): Html {
  const header = html`<header class="top">
<nav aria-label="Admin">
<a href="/admin" class="brand">ostraka admin</a>
<a href="/admin">Elections</a>
<a href="/admin/peers">Peers</a>
<a href="/admin/elections/new">New election</a>
</nav>
<form method="post" action="/admin/logout" class="signout">${csrfField(o.session)}<span>Signed in as ${o.session.username}</span> <button type="submit">Sign out</button></form>
</header>`;
  return page({
    title: o.title,
    header,
    scripts: ['admin.js', ...(o.scripts ?? [])].filter((s, i, a) => a.indexOf(s) === i),
    mainData: o.mainData,
    body: html`${o.flash ? notice(o.flash.kind, o.flash.lines) : ''}${o.body}`,
  });
}

/** The election's own navigation (overview, ceremony, voters, results). */
export function electionNav(id: string, current: string): Html {
  const items: [string, string][] = [
    ['', 'Overview'],
    ['/ceremony', 'Trustees and key ceremony'],
    ['/credentials', 'Voters'],
    ['/results', 'Results'],
  ];
  return html`<nav class="tabs" aria-label="Election">${items.map(
    ([suffix, label]) => html`<a href="/admin/elections/${id}${suffix}"${current === suffix ? html` aria-current="page"` : ''}>${label}</a>`,
  )}</nav>`;
}
