// Resident memory per idle connected room: N rooms logged in to a simulator that runs in a child
// process (so its memory is not counted), measured after a forced GC.
//   pnpm exec tsx --conditions=@danmaku/source --expose-gc packages/client/scripts/memory.ts \
//     [--rooms 1000] [--transport ws|wss|tcp] [--concurrency 20]
// Prints one JSON line. The target is ≤ 50 KB per room. `wss` puts a TLS terminator (self-signed
// certificate made with the openssl command) in front of the simulator's WebSocket port, because
// real Douyu is wss and TLS state is a large part of a socket's memory. --concurrency is how many
// connects are in flight at once: TLS handshakes leave malloc fragmentation behind that RSS keeps,
// so a collector that rate-limits its connects (as it should) pays less per room.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  connectRoom,
  createSocketFactory,
  type Endpoint,
  type RoomClient,
  type SocketFactory,
} from '@danmaku/client';
import { startSimulator } from '@danmaku/simulator';

interface ChildReady {
  wsUrl: string;
  wssUrl: string;
  /** PEM of the self-signed certificate, so the client can trust exactly it. */
  certificate: string;
  host: string;
  tcpPort: number;
}

const FIRST_ROOM = 100_000;

async function serve(): Promise<void> {
  // rooms: [] makes every room quiet: it logs in and then only heartbeats flow (an idle room).
  const sim = await startSimulator({ rooms: [], listen: { ws: [0], tcp: [0] } });
  const wsPort = sim.wsPorts[0] ?? 0;
  const credentials = selfSignedCertificate();
  const tls = createTlsServer(credentials, (socket) => {
    const upstream = netConnect(wsPort, sim.host);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  tls.listen(0, '127.0.0.1');
  await once(tls, 'listening');
  const tlsAddress = tls.address();
  const tlsPort = typeof tlsAddress === 'object' && tlsAddress !== null ? tlsAddress.port : 0;
  const ready: ChildReady = {
    wsUrl: sim.wsUrl(),
    wssUrl: `wss://localhost:${tlsPort}/`,
    certificate: credentials.cert.toString('utf8'),
    host: sim.host,
    tcpPort: sim.tcpPorts[0] ?? 0,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  await once(process.stdin, 'end'); // the parent exited or closed our stdin
  tls.close();
  await sim.close();
  process.exit(0);
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'client-memory-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
        ...[
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost',
        ],
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startChild(): Promise<{ child: ChildProcess; ready: ChildReady }> {
  const execArgv = process.execArgv.filter((arg) => arg !== '--expose-gc');
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...execArgv, self, '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, 'line')) as [string];
  return { child, ready: JSON.parse(line) as ChildReady };
}

async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage();
}

async function connectAll(
  count: number,
  endpoint: Endpoint,
  socketFactory: SocketFactory,
  firstRoom: number,
  concurrency: number,
): Promise<RoomClient[]> {
  const clients: RoomClient[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch: Array<Promise<void>> = [];
    for (let i = start; i < Math.min(count, start + concurrency); i += 1) {
      const client = connectRoom(firstRoom + i, { endpoints: [endpoint], socketFactory });
      clients.push(client);
      batch.push(new Promise((resolve) => client.on('loggedIn', () => resolve())));
    }
    await Promise.all(batch);
  }
  return clients;
}

async function measure(
  rooms: number,
  transport: 'ws' | 'wss' | 'tcp',
  concurrency: number,
): Promise<void> {
  const { child, ready } = await startChild();
  // As in production, one TLS context for every socket; it trusts only the child's certificate.
  const socketFactory = createSocketFactory({
    secureContext: createSecureContext({ ca: ready.certificate }),
  });
  const endpoint: Endpoint =
    transport === 'tcp'
      ? { transport: 'tcp', host: ready.host, port: ready.tcpPort }
      : { transport: 'ws', url: transport === 'ws' ? ready.wsUrl : ready.wssUrl };
  // Warm up: load and compile every code path once, so the baseline already contains it.
  const warm = await connectAll(20, endpoint, socketFactory, FIRST_ROOM - 100, concurrency);
  await Promise.all(warm.map((client) => client.close()));
  const before = await settledMemory();
  const clients = await connectAll(rooms, endpoint, socketFactory, FIRST_ROOM, concurrency);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // idle
  const after = await settledMemory();
  const loggedIn = clients.filter((client) => client.state === 'loggedIn').length;
  await Promise.all(clients.map((client) => client.close()));
  child.stdin?.end();
  await once(child, 'exit');
  const perRoom = (key: keyof NodeJS.MemoryUsage) => Math.round((after[key] - before[key]) / rooms);
  console.log(
    JSON.stringify({
      transport,
      rooms,
      concurrency,
      loggedIn,
      rssBytesPerRoom: perRoom('rss'),
      heapUsedBytesPerRoom: perRoom('heapUsed'),
      externalBytesPerRoom: perRoom('external'),
      rssBeforeMiB: +(before.rss / 1_048_576).toFixed(1),
      rssAfterMiB: +(after.rss / 1_048_576).toFixed(1),
      targetBytesPerRoom: 50 * 1024,
    }),
  );
}

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    rooms: { type: 'string', default: '1000' },
    transport: { type: 'string', default: 'ws' },
    concurrency: { type: 'string', default: '20' },
  },
});
if (values.serve) await serve();
else {
  const transport =
    values.transport === 'tcp' || values.transport === 'wss' ? values.transport : 'ws';
  await measure(Number(values.rooms), transport, Math.max(1, Number(values.concurrency)));
}
