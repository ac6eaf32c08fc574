/** Where one room connection goes. Douyu serves the same frames over both transports. */
export type Endpoint = WebSocketEndpoint | TcpEndpoint;

export interface WebSocketEndpoint {
  transport: 'ws';
  /** Full URL, e.g. `wss://danmuproxy.douyu.com:8506/`. */
  url: string;
}

export interface TcpEndpoint {
  transport: 'tcp';
  host: string;
  port: number;
}

export const DOUYU_WS_HOST = 'danmuproxy.douyu.com';

/**
 * 8506 down to 8501: in 2026-08 some of these ports refused connections for some ISPs, and the
 * fix that worked was trying them in turn (douyu-protocol.md §1.2).
 */
export const DOUYU_WS_PORTS: readonly number[] = [8506, 8505, 8504, 8503, 8502, 8501];

export function webSocketEndpoints(
  host: string = DOUYU_WS_HOST,
  ports: readonly number[] = DOUYU_WS_PORTS,
  scheme: 'wss' | 'ws' = 'wss',
): WebSocketEndpoint[] {
  return ports.map((port) => ({ transport: 'ws', url: `${scheme}://${host}:${port}/` }));
}

export const DEFAULT_ENDPOINTS: readonly Endpoint[] = Object.freeze(webSocketEndpoints());

/** `ws wss://host:8506/` or `tcp host:8601`: one string for logs and session records. */
export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.transport === 'ws'
    ? `ws ${endpoint.url}`
    : `tcp ${endpoint.host}:${endpoint.port}`;
}

/** The endpoint to try after `index` failed: the next one in the list, wrapping around. */
export function nextEndpointIndex(index: number, count: number): number {
  if (count <= 0) throw new RangeError('endpoint list is empty');
  return (index + 1) % count;
}

/** Throws a TypeError naming every problem in the list (bad configuration fails loudly at start). */
export function validateEndpoints(endpoints: readonly Endpoint[]): void {
  const problems: string[] = [];
  if (endpoints.length === 0) problems.push('endpoints: the list is empty');
  endpoints.forEach((endpoint, i) => {
    if (endpoint.transport === 'ws') {
      if (!/^wss?:\/\//.test(endpoint.url))
        problems.push(`endpoints[${i}].url: not ws:// or wss://`);
    } else if (endpoint.transport === 'tcp') {
      if (endpoint.host.length === 0) problems.push(`endpoints[${i}].host: empty`);
      if (!Number.isInteger(endpoint.port) || endpoint.port <= 0 || endpoint.port > 65_535) {
        problems.push(`endpoints[${i}].port: not a port number`);
      }
    } else {
      problems.push(`endpoints[${i}].transport: must be 'ws' or 'tcp'`);
    }
  });
  if (problems.length > 0) throw new TypeError(problems.join('; '));
}
