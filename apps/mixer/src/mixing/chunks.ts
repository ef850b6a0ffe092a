import { toHex } from '@ostraka/crypto';
import { mixDocumentName, type MixData } from '@ostraka/protocol';
import { MixFailure } from '../errors.js';
import type { ChunkMessage } from '../board/mix-board.js';

/**
 * Room left in a request body for everything but the chunk's hex: the envelope (signer,
 * signature), the message fields, the chunk label and the data's other fields (an election id of
 * up to 64 characters, the consensus id, the input hash) take well under 1 KiB.
 */
const OVERHEAD_BYTES = 2048;

/** Bytes of a round's output and proof per chunk. */
export interface ChunkSizes {
  readonly output: number;
  readonly proof: number;
}

/**
 * Chunk sizes for a board that takes bodies of up to `maxBodyBytes`: each request stays at about
 * half of that (hex doubles the bytes), so that a board restarted with a somewhat lower limit
 * still takes the remaining chunks of a resumed round. Output chunks hold whole ciphertexts.
 */
export function chunkSizes(maxBodyBytes: number, ciphertextBytes: number): ChunkSizes {
  const raw = Math.floor((Math.floor(maxBodyBytes / 2) - OVERHEAD_BYTES) / 2);
  if (raw < ciphertextBytes)
    throw new MixFailure(`the board takes request bodies of at most ${maxBodyBytes} bytes: too small for chunks of ${ciphertextBytes}-byte ciphertexts`);
  return { output: raw - (raw % ciphertextBytes), proof: raw };
}

/** What every chunk of a round says besides its bytes. */
export interface RoundHeader {
  readonly election: string;
  readonly consensusId: string;
  readonly round: number;
  readonly inputHash: string;
}

/** One of a round's two chunked documents (`round-k-output`, `round-k-proof`), cut into chunks. */
export class ChunkedDocument {
  readonly doc: string;
  readonly count: number;

  constructor(
    private readonly header: RoundHeader,
    readonly part: 'output' | 'proof',
    private readonly bytes: Uint8Array,
    readonly chunkBytes: number,
  ) {
    if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes: expected a positive integer, got ${chunkBytes}`);
    this.doc = mixDocumentName(header.round, part);
    // An empty document (a round of zero ciphertexts) is still one (empty) chunk: the board needs a count.
    this.count = Math.max(1, Math.ceil(bytes.length / chunkBytes));
  }

  chunk(index: number): ChunkMessage {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.count) throw new RangeError(`chunk index ${index} outside 0..${this.count - 1}`);
    const data: MixData = {
      election: this.header.election,
      consensus_id: this.header.consensusId,
      round: this.header.round,
      part: this.part,
      input_hash: this.header.inputHash,
      bytes: toHex(this.bytes.subarray(index * this.chunkBytes, (index + 1) * this.chunkBytes)),
    };
    return { doc: this.doc, index, count: this.count, data };
  }
}
