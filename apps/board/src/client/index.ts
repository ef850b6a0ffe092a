export * from './board-client.js';
