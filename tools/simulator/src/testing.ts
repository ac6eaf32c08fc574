// @danmaku/simulator/testing: helpers for tests and benches, kept out of the public index.
export { RawClient, type RawClientOptions } from './raw-client.js';
/** The client address the simulator puts in a session's loginres (`ip`), always in TEST-NET-1. */
export { documentationAddress } from './control-bodies.js';
