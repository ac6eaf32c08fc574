export { services, serviceAvailable, describeWithServices } from './services.js';
export type { Services, ServiceName } from './services.js';
export { uniqueName } from './unique-name.js';
export { waitFor } from './wait-for.js';
export type { WaitForOptions } from './wait-for.js';
export { kafkaClient, createTopic } from './kafka.js';
export { freshDatabase, withPg } from './database.js';
export { databaseUrlFor } from './database-url.js';
export { freePort } from './global/local-process.js';
