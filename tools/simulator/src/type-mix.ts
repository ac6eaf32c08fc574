/**
 * How often each message type appears in a room's stream, in percent. The first three are the
 * measured shares of real danmuproxy traffic (dgb 26 %, noble_num_info 24 %, uenter 19 %); the
 * tail keeps every type a collector has to store, including the rare 7–10 KB ranking bodies.
 */
export const TYPE_MIX = {
  dgb: 26,
  noble_num_info: 24,
  uenter: 19,
  chatmsg: 12.1,
  synexp: 5,
  qausrespond: 3.5,
  anbc: 2,
  spbc: 2,
  rri: 1,
  blab: 1,
  upgrade: 0.8,
  rankup: 0.4,
  ranklist: 0.5,
  online_noble_list: 0.3,
  frank: 0.3,
  fswrank: 0.2,
  ssd: 0.3,
  newblackres: 0.2,
  configscreen: 0.3,
  rnewbc: 0.2,
  rss: 0.05,
  gpbc: 0.25,
  dfrbc: 0.2,
  comm_chatmsg: 0.4,
} as const;

export type StreamMessageType = keyof typeof TYPE_MIX;

const TYPES = Object.keys(TYPE_MIX) as StreamMessageType[];
const TOTAL = TYPES.reduce((sum, type) => sum + TYPE_MIX[type], 0);
const CUMULATIVE = (() => {
  let running = 0;
  return TYPES.map((type) => (running += TYPE_MIX[type] / TOTAL));
})();

/** Maps a uniform draw in [0, 1) to a type. */
export function typeForDraw(draw: number): StreamMessageType {
  for (let i = 0; i < CUMULATIVE.length; i++) {
    if (draw < (CUMULATIVE[i] as number)) return TYPES[i] as StreamMessageType;
  }
  return TYPES[TYPES.length - 1] as StreamMessageType;
}

export const STREAM_MESSAGE_TYPES: readonly StreamMessageType[] = TYPES;
