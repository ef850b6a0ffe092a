/**
 * A transcript as read from its location, before any check: the text of every file by its path
 * relative to the transcript directory (docs/transcript.md §10.10), or why a file could not be
 * read as UTF-8 text. A directory and a board download both produce one, so that everything
 * after reading is the same.
 */
export type FileText = string | { unreadable: string };

export interface RawTranscript {
  /** Where it came from (a directory or a board URL), for the report. */
  location: string;
  files: Map<string, FileText>;
}

/** A location that cannot be read at all: exit code 2, not an invalid transcript. */
export class UnreadableLocation extends Error {}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): FileText {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return { unreadable: 'not valid UTF-8' };
  }
}
