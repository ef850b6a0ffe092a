/**
 * Cuts a text into pieces of at most `maxBytes` UTF-8 bytes each, never inside a character, so
 * that each piece is a valid JSON string and the concatenation is the text.
 */
export function chunkText(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('chunks need at least 4 bytes');
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = ch.codePointAt(0)! < 0x80 ? 1 : ch.codePointAt(0)! < 0x800 ? 2 : ch.codePointAt(0)! < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** Splits a hex string into pieces of at most `maxChars` characters (an even number). */
export function chunkHex(hex: string, maxChars: number): string[] {
  const size = Math.max(2, maxChars - (maxChars % 2));
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += size) out.push(hex.slice(i, i + size));
  return out.length === 0 ? [''] : out;
}
