import { main as boardMain } from '@ostraka/board/cli';
import { electionPlugin } from '@ostraka/election';

/** `ostraka board …`: the board's own commands, with the election loaded into `serve`. */
export function main(args: string[]): Promise<number> {
  return boardMain(args, [electionPlugin]);
}
