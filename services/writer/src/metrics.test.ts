import { describe, expect, it } from 'vitest';
import { createWriterMetrics } from './metrics.js';

describe('createWriterMetrics', () => {
  it('exports every db retry kind at 0 before the first retry (so increase() sees the first)', async () => {
    const metrics = createWriterMetrics();
    const text = await metrics.registry.metrics();
    for (const kind of ['transient', 'data', 'missing_partition'])
      expect(text).toContain(`danmaku_writer_db_retries_total{kind="${kind}"} 0`);
    metrics.dbRetries.inc({ kind: 'transient' });
    expect(await metrics.registry.metrics()).toContain(
      'danmaku_writer_db_retries_total{kind="transient"} 1',
    );
  });
});
