import type { Group, GroupName } from './group.js';
import { p256Group } from './p256.js';
import { ristretto255Group } from './ristretto255.js';

export type { FixedBase, Group, GroupName, ScalarField } from './group.js';
export { p256Group, type P256Element } from './p256.js';
export { ristretto255FromUniformBytes, ristretto255Group, type RistrettoElement } from './ristretto255.js';

export const GROUP_NAMES: readonly GroupName[] = ['ristretto255', 'p256'];

/** The group of a name found in a manifest or a file; a RangeError for any other name. */
export function groupByName(name: string): Group<unknown> {
  if (name === 'ristretto255') return ristretto255Group as Group<unknown>;
  if (name === 'p256') return p256Group as Group<unknown>;
  throw new RangeError(`unknown group "${name}" (expected ristretto255 or p256)`);
}
