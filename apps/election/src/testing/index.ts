export * from './in-process-trustee.js';
export * from './election-fixture.js';
export * from './in-process-mix.js';
export * from './sample-election.js';
