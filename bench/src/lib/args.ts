/** Minimal flag parsing for benchmarks: `--name value`, `--flag` (boolean) and `--json`. */
export interface BenchArgs {
  json: boolean;
  string(name: string, fallback: string): string;
  number(name: string, fallback: number): number;
  flag(name: string): boolean;
}

export function parseArgs(args: string[], known: readonly string[]): BenchArgs {
  const values = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (name !== 'json' && !known.includes(name)) throw new Error(`unknown flag --${name} (known: ${known.join(', ')})`);
    if (inline !== undefined) values.set(name, inline);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) values.set(name, args[++i]);
    else values.set(name, true);
  }
  return {
    json: values.has('json'),
    string: (name, fallback) => {
      const v = values.get(name);
      return typeof v === 'string' ? v : fallback;
    },
    number: (name, fallback) => {
      const v = values.get(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (typeof v !== 'string' || !Number.isFinite(n)) throw new Error(`--${name} expects a number`);
      return n;
    },
    flag: (name) => values.has(name),
  };
}
