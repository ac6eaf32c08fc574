// @danmaku/simulator/testing: helpers for tests and benches, kept out of the public index.
export { RawClient, type RawClientOptions } from './raw-client.js';
