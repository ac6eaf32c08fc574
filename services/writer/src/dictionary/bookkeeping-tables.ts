import type { ColumnEntry, RelationEntry } from './dictionary-types.js';

const step = (what: string): ColumnEntry => ({
  description: `${what} (earliest time reported for this step; a replayed event changes nothing). NULL until it happens.`,
  unit: 'timestamptz',
});

export const collectSessions: RelationEntry = {
  kind: 'table',
  description:
    "One row per collect session (one socket's life on one room), from the collectors' session events (douyu.sessions.v1): when the data for a room was being collected. See coverage_gaps.",
  columns: {
    session_id: { description: 'Random id of the session (a UUID made by the collector).' },
    room_id: { description: 'The room the session listened to.', unit: 'Douyu room id' },
    collector: {
      description: 'The collector that held the socket (COLLECTOR_ID, default host-pid).',
    },
    transport: {
      description: 'How the collector reached Douyu.',
      codes: [
        ['ws', 'WebSocket (wss://danmuproxy.douyu.com:8501-8506)'],
        ['tcp', 'the legacy TCP protocol'],
      ],
    },
    endpoint: { description: 'The URL (ws) or host:port (tcp) the socket connected to.' },
    connecting_at: step('When the socket started connecting'),
    connected_at: step('When the socket opened'),
    logged_in_at: step("When Douyu's loginres arrived: from here on the room was covered"),
    closed_at: step('When the socket closed; NULL also for a collector killed outright'),
    close_reason: {
      description: 'Why the session ended; NULL while open.',
      codes: [
        ['user', 'stopped on purpose (shutdown, room released)'],
        ['connect-failed', 'refused, DNS, TLS or handshake failure'],
        ['connect-timeout', 'the socket did not open in time'],
        ['login-timeout', 'no loginres in time'],
        ['dead-socket', 'nothing received for too long'],
        ['protocol-error:CODE', 'the byte stream could not be framed'],
        ['server-error:CODE', 'Douyu sent type@=error with that code'],
        ['socket-error', 'the open socket failed'],
        ['remote-closed', 'Douyu closed the socket'],
      ],
    },
    messages: {
      description: 'Records the session handed on so far (the largest count reported).',
      unit: 'count',
    },
    updated_at: {
      description: 'When the writer last changed the row.',
      unit: 'timestamptz',
    },
  },
};

export const ingestOffsets: RelationEntry = {
  kind: 'table',
  description:
    "Exactly-once bookkeeping: the next Kafka offset the writer reads per (consumer group, topic, partition), written in the same transaction as each batch's rows.",
  columns: {
    consumer_group: { description: 'The writer consumer group (WRITER_GROUP_ID).' },
    topic: { description: 'Kafka topic (douyu.raw.v1, douyu.sessions.v1, or the embedded queue).' },
    partition: { description: 'Kafka partition; -1 for the embedded in-process queue.' },
    next_offset: { description: 'The first offset not yet written: where the writer resumes.' },
    updated_at: { description: 'When the offset last moved.', unit: 'timestamptz' },
  },
};

export const ingestErrors: RelationEntry = {
  kind: 'table',
  description:
    'One row per record the writer could not turn into a row, kept byte for byte with the reason; replays do not add it twice.',
  columns: {
    id: { description: 'Row number (identity).' },
    topic: { description: 'Kafka topic the record came from.' },
    partition: { description: 'Kafka partition; -1 for the embedded in-process queue.' },
    offset: { description: 'Kafka offset of the record.' },
    received_at: {
      description: 'The record timestamp; NULL when it was not a plausible time.',
      unit: 'timestamptz',
    },
    raw_key: { description: 'The Kafka key as received (normally the room id as text).' },
    raw_value: {
      description: "The Kafka value as received: convert_from(raw_value, 'UTF8') for the STT body.",
      wire: 'the whole body',
    },
    headers: { description: 'The Kafka headers as a JSON object of strings.' },
    reason: {
      description: 'Why the record was refused.',
      codes: [
        ['invalid_key', 'the key is not a room id'],
        ['invalid_timestamp', 'receive time before 2000 or from 3000 on'],
        ['empty_value', 'empty body'],
        ['invalid_utf8', 'body not UTF-8'],
        ['nul_character', 'body holds U+0000 (PostgreSQL text cannot)'],
        ['missing_type', 'no type field: not an STT message'],
        ['invalid_session_event', 'a session event that fails its schema'],
        ['unknown_topic', 'a topic the writer does not read'],
        ['database_rejected', 'PostgreSQL refused a value (see detail)'],
      ],
    },
    detail: {
      description: 'More about the reason (the bad timestamp, the database error); may be NULL.',
    },
    recorded_at: { description: 'When the writer stored the row.', unit: 'timestamptz' },
  },
};
