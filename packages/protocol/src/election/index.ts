export * from './questions.js';
export * from './answer-rules.js';
export * from './ballot-codec.js';
export * from './instant-runoff.js';
export * from './tally.js';
export * from './manifest.js';
export * from './records.js';
export * from './registration.js';
