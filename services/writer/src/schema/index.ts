export * from './erased-users.js';
export * from './events.js';
export * from './gift-catalogue.js';
export * from './ingest.js';
export * from './views.js';
export * from './rollups.js';
