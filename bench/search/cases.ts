import type { ChatSearch } from '@danmaku/writer';
import { DATASET_START, DAY_MS, RARE_WORD } from './dataset.js';

export interface SearchCase {
  name: string;
  /** What `danmaku search` is given, for the report. */
  command: string;
  search: ChatSearch;
}

const day3 = Date.parse(`${DATASET_START}T00:00:00Z`) + 2 * DAY_MS;

/** Representative searches over the generated dataset, each with danmaku search's default limit. */
export const SEARCH_CASES: SearchCase[] = [
  {
    name: 'rare word (1 in 50,000 rows)',
    command: `danmaku search ${RARE_WORD}`,
    search: { text: RARE_WORD, limit: 100 },
  },
  {
    name: 'common word (about 1 row in 8)',
    command: 'danmaku search 点了个',
    search: { text: '点了个', limit: 100 },
  },
  {
    name: 'Latin, other case (about 1 row in 8)',
    command: 'danmaku search pom急了',
    search: { text: 'pom急了', limit: 100 },
  },
  {
    name: 'two characters: no trigram (about 1 row in 8)',
    command: 'danmaku search 主播',
    search: { text: '主播', limit: 100 },
  },
  {
    name: 'word in one room (--room)',
    command: 'danmaku search 小白鸽 --room 1005',
    search: { text: '小白鸽', roomId: 1005, limit: 100 },
  },
  {
    name: 'rare word in one room (--room)',
    command: `danmaku search ${RARE_WORD} --room 1000`,
    search: { text: RARE_WORD, roomId: 1000, limit: 100 },
  },
  {
    name: 'word in six hours (--from/--to)',
    command: 'danmaku search 自定义 --from 2026-05-03T00:00Z --to 2026-05-03T06:00Z',
    search: { text: '自定义', fromMs: day3, toMs: day3 + DAY_MS / 4, limit: 100 },
  },
];
