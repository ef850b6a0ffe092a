import { html, type Html } from './html.js';

export interface PageOptions {
  readonly title: string;
  readonly body: Html;
  /** Module scripts from /assets (never inline: the CSP forbids it). */
  readonly scripts?: readonly string[];
  /** Attributes of <main> (data-* for the page's script). */
  readonly mainData?: Record<string, string>;
  readonly header?: Html;
}

/** Every page of the admin and the booth: one style sheet, scripts from this origin, nothing else. */
export function page(o: PageOptions): Html {
  const data = Object.entries(o.mainData ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ostraka</title>
<link rel="stylesheet" href="/assets/style.css">
${(o.scripts ?? []).map((s) => html`<script type="module" src="/assets/${s}"></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${o.header ?? ''}
<main id="main" tabindex="-1"${data}>
${o.body}
</main>
</body>
</html>`;
}

/** A notice: `role="status"` for news, `role="alert"` for errors (read out by screen readers). */
export function notice(kind: 'ok' | 'error' | 'info', lines: readonly string[]): Html {
  if (lines.length === 0) return html``;
  return html`<div class="notice notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${lines.length === 1 ? html`<p>${lines[0]}</p>` : html`<ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>`}</div>`;
}
