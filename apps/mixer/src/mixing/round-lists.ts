import { groupByName, toHex } from '@ostraka/crypto';
import { InvalidFileError, openCiphertextList, type CiphertextListFile, type PackedCiphertextList } from '@ostraka/protocol';
import type { ElectionView } from '../board/election-view.js';

/**
 * Opens a ciphertext list the board served and checks it against what the log fixes: this
 * election, its group and width, and the list hash and size recorded when the list was fixed
 * (the `mixing` transition for the ballot box, each completed round for its output). Returns the
 * packed list, or the reason it does not match.
 */
export function checkRoundList(
  election: ElectionView,
  file: CiphertextListFile,
  fixed: { hash: string; count: number },
): { ok: true; list: PackedCiphertextList } | { ok: false; reason: string } {
  let list: PackedCiphertextList;
  try {
    list = openCiphertextList(groupByName(election.manifest.group), election.id, file);
  } catch (e) {
    if (e instanceof InvalidFileError) return { ok: false, reason: `${e.field}: ${e.reason}` };
    throw e;
  }
  if (list.width !== election.width) return { ok: false, reason: `width ${list.width}, but the election's width is ${election.width}` };
  if (list.count !== fixed.count) return { ok: false, reason: `${list.count} ciphertexts, but the log fixes ${fixed.count}` };
  if (toHex(list.hash) !== fixed.hash) return { ok: false, reason: `list hash ${toHex(list.hash)}, but the log fixes ${fixed.hash}` };
  return { ok: true, list };
}
