export { electionPlugin } from './plugin.js';
export type { ElectionRecord, RoundRecord } from './election-record.js';
export { PLAINTEXTS_TYPE, plaintextsFileSchema, type PlaintextsFile } from './plaintexts.js';
export { VOTER_KIND } from './entry-types/credentials.js';
