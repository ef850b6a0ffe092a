import { DecodeError } from '@ostraka/crypto';
import { runChain } from './chain.js';
import { runChainPrefix } from './chain-prefix.js';
import { runCommit } from './commit.js';
import { runReencrypt } from './reencrypt.js';
import { runResponses } from './responses.js';
import type { Task, TaskFailure } from './types.js';
import { runVerify } from './verify-range.js';

/** Runs one task in this thread; a DecodeError of untrusted bytes comes back as a TaskFailure. */
export function runTask(task: Task): unknown {
  try {
    switch (task.kind) {
      case 'reencrypt':
        return runReencrypt(task);
      case 'commit':
        return runCommit(task);
      case 'chain-prefix':
        return runChainPrefix(task);
      case 'chain':
        return runChain(task);
      case 'responses':
        return runResponses(task);
      case 'verify':
        return runVerify(task);
    }
  } catch (error) {
    if (error instanceof DecodeError) return { failure: { code: error.code, field: error.field, message: error.message } } satisfies TaskFailure;
    throw error;
  }
}

export function isTaskFailure(result: unknown): result is TaskFailure {
  return typeof result === 'object' && result !== null && 'failure' in result;
}

/** Rethrows a task's DecodeError in the calling thread, with its code and field. */
export function throwIfFailed(results: readonly unknown[]): void {
  for (const r of results)
    if (isTaskFailure(r)) throw new DecodeError(r.failure.code as DecodeError['code'], r.failure.field, r.failure.message.replace(`${r.failure.field}: `, ''));
}
