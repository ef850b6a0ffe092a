/**
 * Text from a file, made safe to print on a terminal: control and invisible formatting characters
 * (escape sequences, C1 controls, bidi overrides) are shown as \u{…} escapes, so that a crafted
 * file can neither drive the terminal nor disguise what the trustee reads.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (ch) => (ch === '\n' ? '\n' : `\\u{${ch.codePointAt(0)!.toString(16)}}`));
}
