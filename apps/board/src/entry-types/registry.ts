import { ENTRY_TYPE_PATTERN } from '@ostraka/protocol/log';
import type { EntryTypeDefinition, EntryTypeExtension } from './entry-type.js';

export interface RegisteredType {
  readonly definition: EntryTypeDefinition<unknown>;
  readonly extensions: EntryTypeExtension<unknown>[];
  /** Built-in types are written only through their seed API route; the others through `POST /log/entries/:type`. */
  readonly builtin: boolean;
}

export class EntryTypeRegistry {
  private readonly types = new Map<string, RegisteredType>();

  register<P>(definition: EntryTypeDefinition<P>, builtin = false): void {
    if (!ENTRY_TYPE_PATTERN.test(definition.type) || definition.type.length > 64)
      throw new TypeError(`entry type "${definition.type}" must be dot-separated lower-case words (at most 64 characters)`);
    if (this.types.has(definition.type)) throw new TypeError(`entry type "${definition.type}" is already registered`);
    this.types.set(definition.type, { definition: definition as EntryTypeDefinition<unknown>, extensions: [], builtin });
  }

  extend<P>(type: string, extension: EntryTypeExtension<P>): void {
    const t = this.types.get(type);
    if (!t) throw new TypeError(`cannot extend unknown entry type "${type}"`);
    t.extensions.push(extension as EntryTypeExtension<unknown>);
  }

  get(type: string): RegisteredType | undefined {
    return this.types.get(type);
  }

  list(): string[] {
    return [...this.types.keys()].sort();
  }
}
