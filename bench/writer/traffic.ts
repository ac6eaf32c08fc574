import type { Message } from 'kafkajs';

export const BENCH_DAY = Date.UTC(2024, 6, 1, 10);

/** The raw-topic mix of a busy room: 70% chat, 10% gifts, 10% entries, 10% other types. */
export function benchMessages(count: number, rooms = 64): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < count; i++) {
    const room = 1000 + (i % rooms);
    const uid = 100_000 + ((i * 7919) % 50_000);
    const kind = i % 10;
    const value =
      kind < 7
        ? `type@=chatmsg/rid@=${room}/ct@=2/uid@=${uid}/nn@=观众${uid}/txt@=主播加油，今天这把稳了 ${i}/cid@=${(i * 2654435761).toString(16)}0000b${i}/ic@=avatar@Sdefault@S12/level@=${i % 60}/sahf@=0/cst@=${BENCH_DAY + i}/bnn@=鱼丸/bl@=${i % 25}/brid@=${room}/hc@=/el@=/lk@=/dms@=8/pdg@=${i % 50}/pdk@=${i % 77}/`
        : kind === 7
          ? `type@=dgb/rid@=${room}/gfid@=${824 + (i % 9)}/gs@=1/uid@=${uid}/nn@=观众${uid}/ic@=avatar@Sdefault@S12/eid@=0/level@=21/dw@=0/gfcnt@=${1 + (i % 5)}/hits@=${i % 30}/bcnt@=1/bst@=5/ct@=0/bnn@=鱼丸/bl@=11/brid@=${room}/sahf@=0/`
          : kind === 8
            ? `type@=uenter/rid@=${room}/uid@=${uid}/nn@=观众${uid}/level@=${i % 60}/ic@=avatar@Sdefault@S12/nl@=${i % 7}/rni@=0/el@=/sahf@=0/wgei@=0/`
            : `type@=spbc/rid@=${room}/sn@=观众${uid}/dn@=主播/gn@=火箭/gc@=1/drid@=${room}/gs@=6/gb@=0/es@=1/gfid@=196/eid@=0/bgl@=3/ifs@=0/`;
    out.push({
      key: String(room),
      value,
      timestamp: String(BENCH_DAY + i),
      headers: {
        type: value.slice(6, value.indexOf('/')),
        session: `s${room}`,
        collector: 'bench',
        seq: String(i),
      },
    });
  }
  return out;
}
