/**
 * HTML built from templates in which every interpolated value is escaped, unless it is already
 * Html (a nested template). Attribute values are always written in double quotes, so escaping
 * `& < > " '` is enough for both text and attributes. Nothing else produces Html: there is no
 * way to insert an unescaped string by accident.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** `attribute` present (boolean attribute) or absent. */
export function flag(name: string, on: boolean): Html {
  return new Html(on ? ` ${name}` : '');
}
