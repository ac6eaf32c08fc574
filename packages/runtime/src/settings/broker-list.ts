import { z } from 'zod';
import { commaList } from './comma-list.js';

// A DNS name or IPv4 address; `_` is allowed since compose and Docker names use it (kafka_1).
const HOST = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/** Whether `host:port` names a broker: any host name, IPv4, or bracketed IPv6 (`[::1]:9092`). */
export function isBrokerAddress(text: string): boolean {
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(text);
  if (match === null) return false;
  const [, host = '', port = ''] = match;
  if (Number(port) < 1 || Number(port) > 65_535) return false;
  if (host.startsWith('[')) return /^[0-9A-Fa-f:.]+(%[\w.-]+)?$/.test(host.slice(1, -1));
  return HOST.test(host);
}

/** A Kafka broker list setting: comma list (or array) of `host:port`; the collector and writer share it. */
export function brokerList() {
  return commaList(
    z.string().refine(isBrokerAddress, {
      message: 'expected host:port (host name, IPv4, or [IPv6])',
    }),
  );
}
