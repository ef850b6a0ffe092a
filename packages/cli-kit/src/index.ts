export { syncDirectory, TEMPORARY_FILE, writeFileAtomic } from './atomic-file.js';
export { promptHidden, PromptError, readSecretFile } from './hidden-prompt.js';
export { ProgressBar } from './progress-bar.js';
