import { BoardRequestError } from '@ostraka/client';

/** What to tell a voter when the board refuses a ballot or cannot be reached. */
export function refusalMessage(e: unknown): string {
  if (!(e instanceof BoardRequestError)) return `Your ballot could not be prepared (${(e as Error).message}). Nothing was sent. Reload the page and try again.`;
  switch (e.code) {
    case 'UNREACHABLE':
      return 'The board cannot be reached: your ballot was NOT cast. Check your connection and try again.';
    case 'WRONG_STATE':
      return `Voting is not open for this election: your ballot was NOT recorded. (${e.message})`;
    case 'UNKNOWN_SIGNER':
    case 'FORBIDDEN':
      return 'This secret code is not registered for this election: your ballot was NOT recorded. Check the code on your voting letter.';
    case 'BAD_BALLOT':
      return `The board refused the ballot as invalid: it was NOT recorded. Reload the page and vote again. (${e.message})`;
    case 'DUPLICATE':
    case 'REPLAY':
      return 'The board already has this exact ballot: it was not recorded twice.';
    case 'RATE_LIMITED':
      return 'The board is busy: your ballot was NOT cast. Wait a few seconds and try again.';
    default:
      return `The board refused the ballot (${e.status} ${e.code}: ${e.message}): it was NOT recorded.`;
  }
}
