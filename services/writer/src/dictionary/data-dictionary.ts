import { collectSessions, ingestErrors, ingestOffsets } from './bookkeeping-tables.js';
import { erasedUsers, giftCatalogue } from './catalogue-tables.js';
import type { DataDictionary } from './dictionary-types.js';
import { chatMessageIds, chatMessages, gifts, roomEvents, userEntries } from './event-tables.js';
import {
  chatPerMinute,
  coverageGaps,
  giftTotalsDaily,
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
  gift_catalogue: giftCatalogue,
  erased_users: erasedUsers,
  chat_per_minute: chatPerMinute,
  top_chatters_daily: topChattersDaily,
  gift_totals_daily: giftTotalsDaily,
  coverage_gaps: coverageGaps,
  gift_value_daily: giftValueDaily,
};
