import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Shown in the help as the value's name, e.g. FILE. */
  readonly value?: string;
}

/** A step of the tool: its usage line, what it does and its options. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** E.g. `--manifest FILE --index N --name NAME [options]`. */
  readonly usage: string;
  /** What the step does and what to check, shown by --help. */
  readonly details: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments: none, or the description of the file list. */
  readonly positionals?: string;
}

export function helpText(spec: CommandSpec): string {
  const width = Math.max(...Object.entries(spec.options).map(([n, o]) => n.length + (o.value ? o.value.length + 1 : 0)), 6) + 4;
  const options = Object.entries(spec.options)
    .map(([name, o]) => `  ${`--${name}${o.value ? ` ${o.value}` : ''}`.padEnd(width)}${o.description}`)
    .concat([`  ${'--help'.padEnd(width)}show this help`]);
  return [
    `usage: ostraka trustee ${spec.name} ${spec.usage}`,
    '',
    spec.summary,
    '',
    spec.details,
    '',
    'options:',
    ...options,
    ...(spec.positionals ? ['', `arguments: ${spec.positionals}`] : []),
  ].join('\n');
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Strict parsing: an unknown option or a missing value is a usage error, never ignored. */
export function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedArgs | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type };
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: Boolean(spec.positionals) });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun \`ostraka trustee ${spec.name} --help\` for the options.`);
  }
}

export function requireString(parsed: ParsedArgs, name: string): string {
  const v = parsed.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function optionalString(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.values[name] === true;
}

/** An integer option within bounds. */
export function integerOption(parsed: ParsedArgs, name: string, fallback: number | undefined, min: number, max: number): number {
  const v = parsed.values[name];
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

/** Options every step that opens the keystore shares. */
export const KEYSTORE_OPTIONS = {
  keystore: { type: 'string', value: 'FILE', description: 'your keystore (from `init`)' },
  'passphrase-file': { type: 'string', value: 'FILE', description: 'read the keystore passphrase from FILE instead of the terminal' },
} as const satisfies Record<string, OptionSpec>;
