import { fromHex } from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';
import type { ElectionView } from '../board/election-view.js';
import { MixFailure } from '../errors.js';

/** The shuffle statement of `round` (docs/crypto.md §9.1): the election's group, joint key and width, its id and the round. */
export function roundStatement(election: ElectionView, round: number): ShuffleStatement {
  if (election.joint_key === null) throw new MixFailure(`election "${election.id}" has no joint key yet`);
  return {
    group: election.manifest.group,
    publicKey: fromHex(election.joint_key, 'joint_key'),
    width: election.width,
    election: election.id,
    round,
  };
}
