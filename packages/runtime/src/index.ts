// Public API of @danmaku/runtime: what every service and the CLI share at run time.
// `@danmaku/runtime/backoff` is the same backoff without the rest (the client loads only that).
export { ConfigError } from './config-error';
