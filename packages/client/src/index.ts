export * from './credentials.js';
export * from './ballot.js';
export * from './board-http.js';
export * from './cast.js';
export * from './receipt-check.js';
