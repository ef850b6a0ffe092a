/** A parsed form body (`c.req.parseBody({ all: true })`): repeated names give arrays. */
export type FormFields = Record<string, string | File | (string | File)[]>;

/** The field's text (the first, if repeated); '' when absent or a file. */
export function text(form: FormFields, name: string): string {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** Every text value of a repeated field. */
export function texts(form: FormFields, name: string): string[] {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** Every non-empty uploaded file of a field. */
export function files(form: FormFields, name: string): File[] {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is File => typeof x !== 'string' && x.size > 0);
}
