import { coreVectorFiles } from './core.js';
import { shuffleVectorFiles } from './shuffle.js';
import { thresholdVectorFiles } from './threshold.js';

/** Every vector file, by name. Each area contributes one generator; add yours here. */
export function allVectorFiles(): Record<string, unknown> {
  return { ...coreVectorFiles(), ...thresholdVectorFiles(), ...shuffleVectorFiles() };
}
