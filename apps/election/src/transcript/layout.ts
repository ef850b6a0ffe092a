/**
 * The exported transcript (docs/transcript.md §10.7): a directory that holds the whole log up
 * to one signed head, and nothing else an auditor has to trust.
 *
 *   transcript.json             what the transcript is: format, election, board id and key, the head
 *   log/entries-NNNNNN.jsonl    entries [N·10000, (N+1)·10000), one canonical-JSON entry per line
 *   log/heads.jsonl             every head the board signed up to that size, one per line
 */
export const TRANSCRIPT_FORMAT = 'ostraka-transcript-v1';
export const ENTRIES_PER_FILE = 10_000;
export const INDEX_FILE = 'transcript.json';
export const HEADS_FILE = 'log/heads.jsonl';

export function entriesFile(fileNumber: number): string {
  return `log/entries-${String(fileNumber).padStart(6, '0')}.jsonl`;
}
