import type { Admin } from 'kafkajs';

// Its own file: both run-step and processes read it, and run-step imports processes.
export interface StepOptions {
  /** Offered messages per second, over all rooms. */
  rate: number;
  rooms: number;
  brokers: string[];
  admin: Admin;
  adminUrl: string;
  warmupMs: number;
  windowMs: number;
  /** Write .cpuprofile files of the collector and the writer here. */
  profileDir?: string | undefined;
  id: string;
}
