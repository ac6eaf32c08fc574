// Moved to test/support (the integration suite stops one too); this path stays for the chaos suite.
export { OwnPostgres } from '../../support/own-postgres.js';
