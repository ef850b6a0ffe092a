import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Shown in the help as the value's name, e.g. FILE. */
  readonly value?: string;
}

/** A command of `ostraka mix`: its usage line, what it does and its options. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly details: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

export function helpText(spec: CommandSpec): string {
  const width = Math.max(...Object.entries(spec.options).map(([n, o]) => n.length + (o.value ? o.value.length + 1 : 0)), 6) + 4;
  const options = Object.entries(spec.options)
    .map(([name, o]) => `  ${`--${name}${o.value ? ` ${o.value}` : ''}`.padEnd(width)}${o.description}`)
    .concat([`  ${'--help'.padEnd(width)}show this help`]);
  return [`usage: ostraka mix ${spec.name} ${spec.usage}`, '', spec.summary, '', spec.details, '', 'options:', ...options].join('\n');
}

export type ParsedOptions = Readonly<Record<string, string | boolean | undefined>>;

/** Strict parsing: an unknown option, a positional argument or a missing value is a usage error. */
export function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedOptions | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type };
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as ParsedOptions;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun \`ostraka mix ${spec.name} --help\` for the options.`);
  }
}

export function requireString(values: ParsedOptions, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function optionalString(values: ParsedOptions, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function integerOption(values: ParsedOptions, name: string, fallback: number, min: number, max: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

/** A board URL: http(s), no trailing slash (paths are appended to it). */
export function boardUrlOption(values: ParsedOptions): string {
  const raw = requireString(values, 'board');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--board must be a URL such as http://127.0.0.1:8080, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--board must be an http or https URL, got "${raw}"`);
  if (url.search || url.hash) throw new UsageError('--board must not have a query or a fragment');
  return url.href.replace(/\/+$/, '');
}
