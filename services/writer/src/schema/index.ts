export * from './events';
export * from './ingest';
export * from './views';
