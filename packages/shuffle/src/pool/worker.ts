/**
 * The pool's worker: runs one range task of any phase. Everything it needs comes in the task
 * (packed buffers in shared memory, keys, scalars); per-statement tables are cached between
 * tasks (tasks/context.ts).
 */
import { runTask } from '../tasks/run-task.js';
import type { Task } from '../tasks/types.js';

export default function run(task: Task): unknown {
  return runTask(task);
}
