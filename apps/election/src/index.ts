export { electionPlugin } from './plugin.js';
export type { ElectionRecord, RoundRecord } from './election-record.js';
export { PLAINTEXTS_TYPE, plaintextsFileSchema, type PlaintextsFile } from './plaintexts.js';
export { VOTER_KIND } from './entry-types/credentials.js';
export * from './authority/election-authority.js';
export * from './authority/registration.js';
export * from './authority/chunks.js';
export { tallyElection, type TallyOutcome } from './authority/tally.js';
