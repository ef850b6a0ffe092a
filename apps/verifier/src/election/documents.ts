/**
 * Chunked election documents (docs/transcript.md §10.5): chunks of `(election, kind, trustee)` in
 * order `0 … count−1` with one `count`; a chunk 0 restarts a document that is not complete; a
 * complete document cannot be posted again. The text is the concatenation of the chunks' data.
 */

interface Pending {
  count: number;
  parts: string[];
}

export type ChunkOutcome = { complete: string } | { waiting: true } | { refused: string };

export class DocumentChunks {
  private readonly pending = new Map<string, Pending>();
  private readonly complete = new Set<string>();

  add(key: string, index: number, count: number, data: string): ChunkOutcome {
    if (this.complete.has(key)) return { refused: 'the document is complete already and cannot be posted again' };
    let doc = this.pending.get(key);
    if (index === 0) {
      doc = { count, parts: [] };
      this.pending.set(key, doc);
    } else if (!doc || doc.parts.length !== index || doc.count !== count) {
      return { refused: `chunk ${index} of ${count} out of order (expected ${doc ? `chunk ${doc.parts.length} of ${doc.count}` : 'chunk 0'})` };
    }
    doc.parts.push(data);
    return doc.parts.length === count ? { complete: doc.parts.join('') } : { waiting: true };
  }

  /** The complete document's check passed: it is final. */
  accept(key: string): void {
    this.pending.delete(key);
    this.complete.add(key);
  }

  /** The complete document's check failed: the board refused its last chunk. */
  refuseLast(key: string): void {
    this.pending.get(key)?.parts.pop();
  }

  isComplete(key: string): boolean {
    return this.complete.has(key);
  }
}
