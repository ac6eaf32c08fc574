import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENDPOINTS,
  describeEndpoint,
  nextEndpointIndex,
  validateEndpoints,
  webSocketEndpoints,
  type Endpoint,
} from './endpoints.js';

describe('endpoints', () => {
  it('defaults to wss://danmuproxy.douyu.com on ports 8506 down to 8501', () => {
    expect(DEFAULT_ENDPOINTS.map(describeEndpoint)).toEqual([
      'ws wss://danmuproxy.douyu.com:8506/',
      'ws wss://danmuproxy.douyu.com:8505/',
      'ws wss://danmuproxy.douyu.com:8504/',
      'ws wss://danmuproxy.douyu.com:8503/',
      'ws wss://danmuproxy.douyu.com:8502/',
      'ws wss://danmuproxy.douyu.com:8501/',
    ]);
    expect(webSocketEndpoints('127.0.0.1', [1, 2], 'ws')).toEqual([
      { transport: 'ws', url: 'ws://127.0.0.1:1/' },
      { transport: 'ws', url: 'ws://127.0.0.1:2/' },
    ]);
  });

  it('rotates to the next endpoint and wraps around', () => {
    const visited = [0];
    for (let i = 0; i < 7; i += 1) visited.push(nextEndpointIndex(visited.at(-1) ?? 0, 3));
    expect(visited).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(nextEndpointIndex(0, 1)).toBe(0);
    expect(() => nextEndpointIndex(0, 0)).toThrow(RangeError);
  });

  it('names every problem of a bad endpoint list at once', () => {
    const bad = [
      { transport: 'ws', url: 'http://x/' },
      { transport: 'tcp', host: '', port: 70_000 },
      { transport: 'udp' },
    ] as unknown as Endpoint[];
    expect(() => validateEndpoints(bad)).toThrow(
      'endpoints[0].url: not ws:// or wss://; endpoints[1].host: empty; endpoints[1].port: not a port number; endpoints[2].transport',
    );
    expect(() => validateEndpoints([])).toThrow('empty');
    expect(() => validateEndpoints(DEFAULT_ENDPOINTS)).not.toThrow();
    expect(describeEndpoint({ transport: 'tcp', host: 'h', port: 8601 })).toBe('tcp h:8601');
  });
});
