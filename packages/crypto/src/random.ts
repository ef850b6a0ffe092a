/**
 * The source of randomness. Production code always uses the platform CSPRNG
 * (`crypto.getRandomValues`, present in browsers, Node.js and worker threads); tests and
 * vector generation inject a deterministic source so that outputs are reproducible.
 */
export type RandomSource = (length: number) => Uint8Array;

/** The platform CSPRNG. getRandomValues fills at most 65,536 bytes per call. */
export const csprng: RandomSource = (length) => {
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536)
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  return out;
};
