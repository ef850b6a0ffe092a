/**
 * The admin pages' script: live status without reloading, and the "new election" form's
 * questions. Pages work without it (the values are rendered by the server); it only keeps them
 * current and makes the form friendlier.
 */
const main = document.getElementById('main') as HTMLElement;

async function poll(url: string, renderedState: string): Promise<void> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status === 401 || res.redirected) return; // signed out: stop polling
    if (res.ok) {
      const status = (await res.json()) as { state: string; values: Record<string, string> };
      for (const el of document.querySelectorAll<HTMLElement>('[data-live]')) {
        const value = status.values[el.dataset.live as string];
        if (value !== undefined && el.textContent !== value) el.textContent = value;
      }
      const changed = document.getElementById('state-changed');
      if (changed && status.state !== renderedState) {
        (changed.querySelector('.new-state') as HTMLElement).textContent = status.state;
        changed.hidden = false;
      }
    }
  } catch {
    // The board may be restarting: try again at the next tick.
  }
  setTimeout(() => void poll(url, renderedState), Number(main.dataset.pollMs ?? 2000));
}

if (main.dataset.statusUrl) setTimeout(() => void poll(main.dataset.statusUrl as string, main.dataset.state ?? ''), Number(main.dataset.pollMs ?? 2000));

/** Question k's fields are named q-k-…; after adding or removing one, renumber them all in order. */
function renumber(container: HTMLElement): void {
  container.querySelectorAll<HTMLElement>('fieldset.question').forEach((fieldset, k) => {
    const rename = (value: string) => value.replace(/^q-(\d+|__K__)-/, `q-${k}-`);
    fieldset.dataset.question = String(k);
    for (const el of fieldset.querySelectorAll<HTMLElement>('[id], [name], [for], [aria-describedby]')) {
      for (const attr of ['id', 'name', 'for', 'aria-describedby']) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, rename(v));
      }
    }
    for (const n of fieldset.querySelectorAll('.question-number')) n.textContent = String(k + 1);
  });
}

function showKindFields(fieldset: HTMLElement): void {
  const kind = (fieldset.querySelector('select.question-kind') as HTMLSelectElement).value;
  for (const el of fieldset.querySelectorAll<HTMLElement>('[data-kinds]')) el.hidden = !(el.dataset.kinds as string).split(' ').includes(kind);
}

const questions = document.getElementById('questions');
const template = document.getElementById('question-template') as HTMLTemplateElement | null;
if (questions && template) {
  questions.querySelectorAll<HTMLElement>('fieldset.question').forEach(showKindFields);
  questions.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target.matches('select.question-kind')) showKindFields(target.closest('fieldset') as HTMLElement);
  });
  questions.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest('button.remove-question');
    if (!target) return;
    const all = questions.querySelectorAll('fieldset.question');
    if (all.length === 1) return;
    target.closest('fieldset')?.remove();
    renumber(questions);
    (questions.querySelector('fieldset.question:last-of-type select') as HTMLElement | null)?.focus();
  });
  document.getElementById('add-question')?.addEventListener('click', () => {
    const fragment = template.content.cloneNode(true) as DocumentFragment;
    const fieldset = fragment.querySelector('fieldset') as HTMLElement;
    questions.append(fragment);
    renumber(questions);
    showKindFields(fieldset);
    (fieldset.querySelector('select') as HTMLElement).focus();
  });
}
