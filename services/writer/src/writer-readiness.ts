import type { HealthCheck, Logger } from '@danmaku/runtime';
import { messageOf } from './db-errors.js';

export interface WriterReadinessOptions {
  /** A cheap query (`select 1`); the database is reachable when it resolves in time. */
  ping: () => Promise<unknown>;
  logger: Logger;
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
}

const PROBE_INTERVAL_MS = 5_000;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * What the writer's /readyz answers. Ready = the database is reachable (the last periodic probe
 * answered within its timeout, and no batch is failing) AND the source consumes (started, not
 * given up, not waiting for its topics) AND, for Kafka, the consumer is a member of its group.
 * /readyz reads the probe's last result, so a hanging database cannot hang the endpoint.
 */
export class WriterReadiness {
  /** Set once the writer started, cleared when it stops or gives up. */
  consuming = false;
  /** The source says it runs (a Kafka consumer waiting for its topics does not). */
  sourceRunning: () => boolean = () => true;
  /** Kafka: the consumer joined its group and has not left it since. */
  groupMember: () => boolean = () => true;
  /** Batches currently failing their transaction (Writer.failingBatches). */
  failingBatches: () => number = () => 0;

  /** Undefined until the first probe answers or fails. */
  private reachable: boolean | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  /** The query of a probe that timed out may still be waiting: awaited again, never repeated. */
  private query: Promise<unknown> | undefined;

  constructor(private readonly options: WriterReadinessOptions) {}

  /** Starts the periodic database probe (the first one now). */
  start(): void {
    void this.probe();
    this.timer = setInterval(
      () => void this.probe(),
      this.options.probeIntervalMs ?? PROBE_INTERVAL_MS,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.consuming = false;
    await this.probing;
  }

  checks(): HealthCheck[] {
    return [
      { name: 'database', ok: () => this.reachable === true && this.failingBatches() === 0 },
      { name: 'source', ok: () => this.consuming && this.sourceRunning() },
      { name: 'group', ok: () => this.groupMember() },
    ];
  }

  /** One probe (joins the one running). */
  probe(): Promise<void> {
    this.probing ??= this.ping().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async ping(): Promise<void> {
    const timeoutMs = this.options.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      this.query ??= this.options.ping().finally(() => (this.query = undefined));
      await Promise.race([this.query, timeout]);
      if (this.reachable === false) this.options.logger.info('database reachable again; ready');
      this.reachable = true;
    } catch (error) {
      if (this.reachable !== false) {
        this.options.logger.warn('database unreachable; not ready', { error: messageOf(error) });
      }
      this.reachable = false;
    } finally {
      clearTimeout(timer);
    }
  }
}
