import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { IngestRecord } from '../records';

/** A fetched Kafka message as the writer's source-neutral record. */
export function toIngestRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
): IngestRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    timestampMs: Number(message.timestamp),
    headers: headersToStrings(message.headers),
  };
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
