import type { FaultConfig } from './faults.js';
import type { GroundTruth } from './ground-truth.js';

export interface GroundTruthOptions {
  /** Derive the chat cid lists (costs one cheap type draw per message sent). Default true. */
  cids?: boolean;
}

/** A running simulator. Every method is safe to call at any time before close(). */
export interface Simulator {
  readonly seed: number;
  readonly host: string;
  readonly wsPorts: readonly number[];
  readonly tcpPorts: readonly number[];
  /** `ws://host:port/` of a WebSocket port (default: the first). */
  wsUrl(port?: number): string;
  /** Replaces the server-wide faults; open connections apply them at once. */
  setFaults(faults: FaultConfig): void;
  /** A refusing port resets each new connection as soon as it is accepted. */
  setRefusing(port: number, refusing: boolean): void;
  /** Closes every open connection at the same moment; graceful (flushed) unless `reset`. */
  dropAll(options?: { reset?: boolean }): number;
  /** Open connections. */
  connectionCount(): number;
  groundTruth(options?: GroundTruthOptions): GroundTruth;
  writeGroundTruth(path: string, options?: GroundTruthOptions): Promise<void>;
  close(): Promise<void>;
}
