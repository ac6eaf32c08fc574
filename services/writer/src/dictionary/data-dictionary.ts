import { collectSessions, ingestErrors, ingestOffsets } from './bookkeeping-tables.js';
import { erasedUsers, giftCatalogue } from './catalogue-tables.js';
import type { DataDictionary } from './dictionary-types.js';
import { chatMessageIds, chatMessages, gifts, roomEvents, userEntries } from './event-tables.js';
import { chatterDaily, giftDaily, roomDailyCounts } from './rollup-tables.js';
import {
  chatPerMinute,
  collectSessionSpans,
  coverageGaps,
  giftTotalsDaily,
  roomCoverageDaily,
  roomDaily,
  giftValueDaily,
  topChattersDaily,
} from './views.js';

/**
 * The data dictionary: the one source of every table's, view's and column's COMMENT and of
 * docs/data-dictionary.md. After changing it, run `pnpm dictionary:write`: it rewrites the
 * markdown and adds a migration with the comments that changed. Tests keep the schema, the
 * migrated database and the markdown equal to it.
 */
export const dataDictionary: DataDictionary = {
  chat_messages: chatMessages,
  gifts,
  user_entries: userEntries,
  room_events: roomEvents,
  collect_sessions: collectSessions,
  ingest_errors: ingestErrors,
  ingest_offsets: ingestOffsets,
  chat_message_ids: chatMessageIds,
  room_daily_counts: roomDailyCounts,
  chatter_daily: chatterDaily,
  gift_daily: giftDaily,
  gift_catalogue: giftCatalogue,
  erased_users: erasedUsers,
  chat_per_minute: chatPerMinute,
  top_chatters_daily: topChattersDaily,
  gift_totals_daily: giftTotalsDaily,
  coverage_gaps: coverageGaps,
  collect_session_spans: collectSessionSpans,
  room_coverage_daily: roomCoverageDaily,
  room_daily: roomDaily,
  gift_value_daily: giftValueDaily,
};
