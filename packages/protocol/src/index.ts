export * from './canonical-json.js';
export * from './election/index.js';
export * from './manifest.js';
export * from './ceremony/index.js';
