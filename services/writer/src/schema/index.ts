export * from './events.js';
export * from './ingest.js';
export * from './views.js';
export * from './rollups.js';
