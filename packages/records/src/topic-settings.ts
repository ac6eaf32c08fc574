import { z } from 'zod';

/**
 * The two topics of the contract, as rows of the settings table (structurally the runtime kit's
 * SettingSpec): the collector produces to them and the writer consumes them, so one declaration
 * keeps their env names and defaults from drifting apart.
 */
export const TOPIC_SETTINGS = {
  rawTopic: {
    env: 'KAFKA_RAW_TOPIC',
    schema: z.string().min(1).default('douyu.raw.v1'),
    help: 'raw bodies topic',
  },
  sessionsTopic: {
    env: 'KAFKA_SESSIONS_TOPIC',
    schema: z.string().min(1).default('douyu.sessions.v1'),
    help: 'session events topic',
  },
} as const;
