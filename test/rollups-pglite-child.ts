// For the PGlite kill -9 suite: `tsx test/rollups-pglite-child.ts DATA_DIR TOTAL` writes a
// deterministic raw stream into the PGlite data directory through the writer's exactly-once step
// (rows and offsets in one transaction, from the stored offset on), each batch redelivering the
// tail of the one before, and prints `committed N` after each commit, until TOTAL.
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';
import {
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgliteClient,
  readStoredOffsets,
  writeBatch,
  createPglite,
} from '@danmaku/writer';

const [dataDir = '', totalText = '0'] = process.argv.slice(2);
const total = Number(totalText);
const BATCH = 150;
const REDELIVERED = 40;
/** Ten seconds before midnight in Asia/Shanghai: the stream crosses from one China day to the next. */
const START_MS = Date.UTC(2024, 6, 1, 15, 59, 50);

/**
 * Record `offset`: offset % 20 < 14 a chat (every 5th a robot), < 17 a gift, else an entry. Every
 * body is distinct (hits, seq): the writer stores a body repeated within 2 s once (two collectors).
 */
function streamRecord(offset: number): SourceEntry {
  const room = 1000 + (offset % 3);
  const uid = 1 + ((offset * 7) % 113);
  const kind = offset % 20;
  const body =
    kind < 14
      ? `type@=chatmsg/uid@=${uid}/nn@=u${uid}-${offset % 4}/txt@=t/cid@=k${offset}/${offset % 5 === 0 ? '' : 'dms@=1/'}`
      : kind < 17
        ? `type@=dgb/uid@=${uid}/gfid@=${824 + (offset % 4)}/gfcnt@=${1 + (offset % 3)}/hits@=${offset}/`
        : `type@=uenter/uid@=${uid}/nn@=u${uid}/seq@=${offset}/`;
  return decodeKafkaMessage({ raw: 'raw', sessions: 'sessions' }, 'raw', 0, {
    offset: String(offset),
    key: Buffer.from(String(room)),
    value: Buffer.from(body),
    timestamp: String(START_MS + offset * 3),
  });
}

if (dataDir !== '') {
  const lite = await createPglite(dataDir);
  await migrate(lite);
  const db = pgliteClient(lite);
  const partitions = new PartitionKeeper(db);
  let next = Number((await readStoredOffsets(db, 'kill', 'raw')).get(0) ?? 0n);
  while (next < total) {
    const end = Math.min(total, next + BATCH);
    const entries: SourceEntry[] = [];
    for (let o = Math.max(0, next - REDELIVERED); o < end; o++) entries.push(streamRecord(o));
    const commits = [{ topic: 'raw', partition: 0, nextOffset: String(end) }];
    await writeBatch(db, partitions, 'kill', normaliseRecords(entries), commits);
    next = end;
    process.stdout.write(`committed ${next}\n`);
  }
  await db.close();
  process.stdout.write('done\n');
}
