export * from './canonical-json.js';
export * from './election/index.js';
