/**
 * fast-check arbitraries that damage a JSON document anywhere in its tree: a value replaced by
 * random JSON, a key or an array item removed or duplicated, a string cut, cased or given one
 * wrong character (hex digits included), a number nudged out of its range or made a float. Readers
 * must refuse every damaged document with a typed error, or find it unchanged.
 */
import fc from 'fast-check';

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function at(value: any, path: Path): any {
  return path.reduce((v, k) => v?.[k], value);
}

type Op = (old: unknown) => unknown | typeof REMOVE | typeof DUPLICATE;
const REMOVE = Symbol('remove');
const DUPLICATE = Symbol('duplicate');

const stringOps = (s: string): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.nat().map((n) => () => s.slice(0, s.length ? n % s.length : 0)),
    fc.constant(() => s.toUpperCase()),
    fc.tuple(fc.nat(), fc.constantFrom('0', 'f', 'g', 'F', ' ', '\u0000', 'é', '\u202e')).map(([n, ch]) => () => {
      const i = s.length ? n % s.length : 0;
      return s.slice(0, i) + ch + s.slice(i + 1);
    }),
    fc.constant(() => s + s.slice(0, 2)),
  );

const numberOps: fc.Arbitrary<Op> = fc.constantFrom<Op>(
  (n) => (n as number) + 1,
  (n) => (n as number) - 1,
  () => 0,
  () => -1,
  () => 2 ** 53,
  () => 1.5,
  () => 1e300,
);

function opFor(old: unknown): fc.Arbitrary<Op> {
  const generic: fc.Arbitrary<Op>[] = [fc.jsonValue({ maxDepth: 2 }).map((v) => () => v), fc.constant(() => REMOVE), fc.constant(() => DUPLICATE)];
  if (typeof old === 'string') return fc.oneof(stringOps(old), ...generic);
  if (typeof old === 'number') return fc.oneof(numberOps, ...generic);
  return fc.oneof(...generic);
}

/** A damaged deep copy of `doc` (one change at a random place of its tree; never at the root). */
export function damaged(doc: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(doc).filter((p) => p.length > 0);
  return fc.constantFrom(...paths).chain((path) =>
    opFor(at(doc, path)).map((op) => {
      const copy = structuredClone(doc) as any;
      const parent: any = at(copy, path.slice(0, -1));
      const key = path[path.length - 1];
      const result = op(parent[key]);
      if (result === REMOVE) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      } else if (result === DUPLICATE) {
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
        else parent[`${String(key)}_`] = structuredClone(parent[key]);
      } else parent[key] = result;
      return copy;
    }),
  );
}
