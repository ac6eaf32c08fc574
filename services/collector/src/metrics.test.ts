import { silentLogger, startHttpServer } from '@danmaku/runtime';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCollectorMetrics } from './metrics.js';

describe('createCollectorMetrics', () => {
  it('registers every collector metric of DESIGN.md under Prometheus naming rules', async () => {
    const metrics = createCollectorMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
    for (const name of [
      'danmaku_collector_rooms_active',
      'danmaku_collector_messages_received_total',
      'danmaku_collector_received_bytes_total',
      'danmaku_collector_reconnects_total',
      'danmaku_collector_heartbeat_rtt_seconds',
      'danmaku_collector_heartbeat_lateness_seconds',
      'danmaku_collector_last_message_age_seconds',
      'danmaku_collector_protocol_errors_total',
      'danmaku_collector_kafka_send_seconds',
      'danmaku_collector_records_buffered',
      'danmaku_collector_records_dropped_total',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('exports every drop reason at 0 before the first drop (so increase() sees the first)', async () => {
    const metrics = createCollectorMetrics();
    const text = await metrics.registry.metrics();
    for (const reason of ['buffer_full', 'closed', 'shutdown', 'sink_error', 'session_buffer_full'])
      expect(text).toContain(`danmaku_collector_records_dropped_total{reason="${reason}"} 0`);
    metrics.recordsDropped.inc({ reason: 'buffer_full' }, 3);
    expect(await metrics.registry.metrics()).toContain(
      'danmaku_collector_records_dropped_total{reason="buffer_full"} 3',
    );
  });

  it('bounds labels: unknown message types, reasons and codes become other', async () => {
    const metrics = createCollectorMetrics();
    metrics.countMessage(1, 'chatmsg', 10);
    for (let i = 0; i < 100; i++) metrics.countMessage(1, `made_up_${i}`, 1);
    metrics.countReconnect('dead-socket');
    metrics.countReconnect('because');
    metrics.countProtocolError('LENGTH_MISMATCH');
    metrics.countProtocolError('NOPE');
    const text = await metrics.registry.metrics();
    expect(text).toContain('danmaku_collector_messages_received_total{type="chatmsg"} 1');
    expect(text).toContain('danmaku_collector_messages_received_total{type="other"} 100');
    expect(text).toContain('danmaku_collector_received_bytes_total 110');
    expect(text).toContain('danmaku_collector_reconnects_total{reason="dead-socket"} 1');
    expect(text).toContain('danmaku_collector_reconnects_total{reason="other"} 1');
    expect(text).toContain('danmaku_collector_protocol_errors_total{code="other"} 1');
  });

  it('gives per-room series only to allowlisted rooms', async () => {
    const metrics = createCollectorMetrics({ roomAllowlist: [9999] });
    metrics.countMessage(9999, 'chatmsg', 1);
    metrics.countMessage(1234, 'chatmsg', 1);
    metrics.setLastMessageAges(() => ({
      maxSeconds: 7,
      forRoom: (room) => (room === 9999 ? 2 : 5),
    }));
    const text = await metrics.registry.metrics();
    expect(text).toContain('danmaku_collector_room_messages_received_total{room="9999"} 1');
    expect(text).not.toContain('room="1234"');
    expect(text).toContain('danmaku_collector_room_last_message_age_seconds{room="9999"} 2');
    expect(text).toContain('danmaku_collector_last_message_age_seconds 7');
  });
});

describe('collector metrics over the runtime HTTP server', () => {
  it('serves /metrics, /healthz and /readyz', async () => {
    const metrics = createCollectorMetrics({ registry: new Registry() });
    let sinkOk = false;
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics: metrics.registry,
      readiness: [{ name: 'sink', ok: () => sinkOk }],
      logger: silentLogger,
    });
    try {
      const scrape = await fetch(`${server.url}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      expect(await scrape.text()).toContain('danmaku_collector_rooms_active 0');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${server.url}/readyz`);
      expect([notReady.status, await notReady.text()]).toEqual([503, 'not ready: sink\n']);
      sinkOk = true;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
