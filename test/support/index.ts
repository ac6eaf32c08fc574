export { services, serviceAvailable, describeWithServices } from './services';
export type { Services, ServiceName } from './services';
export { uniqueName } from './unique-name';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { kafkaClient, createTopic } from './kafka';
export { freshDatabase, withPg } from './database';
export { databaseUrlFor } from './database-url';
export { freePort } from './global/local-process';
