import fc from 'fast-check';
import { GROUP_NAMES, groupByName, type Group } from '@ostraka/crypto';

/** Both groups, for `describe.each`. */
export const GROUPS: [string, Group<unknown>][] = GROUP_NAMES.map((name) => [name, groupByName(name)]);

/** A uniform scalar (possibly zero) drawn through fast-check, so failures shrink and replay. */
export const scalar = (group: Group<unknown>) => fc.bigInt({ min: 0n, max: group.order - 1n });
export const nonZeroScalar = (group: Group<unknown>) => fc.bigInt({ min: 1n, max: group.order - 1n });

/** A uniformly random non-identity element, as k·g for a non-zero k. */
export const element = (group: Group<unknown>) => nonZeroScalar(group).map((k) => group.multiply(group.generator, k));

/** Property-run counts are small: each run costs several scalar multiplications. */
export const RUNS = { numRuns: 25 };
