export { main } from './cli.js';
export { decryptInParallel, defaultWorkers, type ParallelDecryption } from './decrypt-pool.js';
export { writeFileAtomic } from './files.js';
export { unlockKeystore, type UnlockedKeystore } from './keystore/keystore.js';
