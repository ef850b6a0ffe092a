/** Every vector file, by name. Each area contributes one generator; add yours here. */
export function allVectorFiles(): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  return files;
}
