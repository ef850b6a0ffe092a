/** The element with `id`, which the page is known to have (a missing one is a bug: say which). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** Shows a message in a live region (role=status or role=alert), or hides it when empty. */
export function say(el: HTMLElement, message: string): void {
  el.textContent = message;
  el.hidden = message === '';
}

/** Offers `data` as a JSON file to save (a blob link: nothing leaves the browser). */
export function downloadJson(filename: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
