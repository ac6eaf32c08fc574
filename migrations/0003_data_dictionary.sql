-- Custom migration written by `pnpm dictionary:write`: the COMMENTs that the data dictionary
-- (services/writer/src/dictionary) gives and the earlier migrations did not set.
COMMENT ON TABLE "chat_messages" IS 'One row per chat message (Douyu chatmsg), deduplicated on (room_id, cid) across collectors and days; daily partitions by received_at (UTC).';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."received_at" IS 'When the collector received the message (the Kafka record timestamp, fixed at the collector, so a replay lands on the same day). The tables are partitioned by its UTC day: filter on it. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."room_id" IS 'The room the collector subscribed to (the record key), not the message''s own rid; see is_cross_room. | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."cid" IS 'Douyu''s unique message id (32 hex characters); '''' when absent (such rows are not deduplicated). | wire: chatmsg.cid';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."uid" IS 'Douyu user id of the sender. 0 when the field is absent or not a number. | wire: chatmsg.uid';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."nickname" IS 'The user''s display name at that moment (users can rename); '''' when absent. | wire: chatmsg.nn';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."text" IS 'The chat text as sent, unescaped; emoticons appear as tokens like [emot:dy118]; '''' when absent. | wire: chatmsg.txt';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."level" IS 'The user''s Douyu account level (grows with activity, site-wide, not per room). 0 when the field is absent or not a number. | unit: level | wire: chatmsg.level';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."badge_name" IS 'Name of the fan badge (粉丝牌) the user wears, a streamer''s fan club; '''' when none. | wire: chatmsg.bnn';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."badge_level" IS 'Level of the fan badge worn (intimacy with that streamer). 0 when the field is absent or not a number. | unit: level | wire: chatmsg.bl | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."badge_room_id" IS 'The room whose fan club the badge belongs to; often not the room the message is in. 0 when the field is absent or not a number. | unit: Douyu room id | wire: chatmsg.brid | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."noble_level" IS 'The user''s noble (贵族, paid membership) rank; higher is a more expensive rank. 0 when the field is absent or not a number. | unit: rank | wire: chatmsg.nl | codes: 0 = not a noble';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."colour" IS 'Colour the message is shown in (paid or privileged colours). 0 when absent. | wire: chatmsg.col | codes: 0 = default (white); 1 = red; 2 = blue; 3 = green; 4 = orange; 5 = purple; 6 = pink';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."client_type" IS 'The client the message was sent from. Only 0 is known; 1, 2, 3, 8 and 14 are seen (apps, other platforms) but Douyu documents no mapping. 0 when absent. | wire: chatmsg.ct | codes: 0 = web browser';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."sent_at" IS 'The sender''s client time (cst): milliseconds, or seconds when it has 10 digits or fewer (then multiplied by 1000). NULL when absent, not positive, or after 2200-01-01. Douyu itself puts no server time on chat: use received_at. | unit: timestamptz | wire: chatmsg.cst';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."is_robot" IS 'True when the chatmsg has no dms key at all (a dms with an empty value counts as present). Real clients send dms; lines Douyu injects (robot chat the official player hides) lack it. Kept, not dropped: filter on it. | wire: chatmsg.dms (its absence) | codes: true = no dms field: injected/robot line; false = dms present: a real client message';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and its integer value (0 if not a number) differs from room_id. Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."fields" IS 'Every wire field of the message as a JSON object of strings (last duplicate key wins, values unescaped once; nested STT such as el stays STT text), e.g. fields->>''ic'' (avatar). The loginres client IP (ip) is never stored. | wire: all fields';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."source_partition" IS 'Kafka partition of douyu.raw.v1 the row was read from; -1 for the embedded in-process queue of `danmaku run`. With source_offset and received_at it is unique per table.';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."source_offset" IS 'Kafka offset of the record within source_partition (the embedded queue numbers its own). Replays and redeliveries of the same offset never add a row.';
--> statement-breakpoint
COMMENT ON TABLE "gifts" IS 'One row per gift event in the room (Douyu dgb). dgb carries no id: two collectors on one room store it twice. No gift names or prices (no gift catalogue); daily partitions by received_at (UTC).';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."received_at" IS 'When the collector received the message (the Kafka record timestamp, fixed at the collector, so a replay lands on the same day). The tables are partitioned by its UTC day: filter on it. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."room_id" IS 'The room the collector subscribed to (the record key), not the message''s own rid; see is_cross_room. | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."uid" IS 'Douyu user id of the giver. 0 when absent or not a number. | wire: dgb.uid';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."nickname" IS 'The user''s display name at that moment (users can rename); '''' when absent. | wire: dgb.nn';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."level" IS 'The user''s Douyu account level (grows with activity, site-wide, not per room). 0 when the field is absent or not a number. | unit: level | wire: dgb.level';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."gift_id" IS 'Douyu''s gift id (look names and prices up in Douyu''s gift list of the room). 0 when absent or not a number. | wire: dgb.gfid';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."gift_count" IS 'Number of gifts in this event: sum it for totals. 1 when gfcnt is absent (older bodies: one gift), 0 when not a number. | unit: gifts | wire: dgb.gfcnt';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."combo_hits" IS 'Douyu''s running combo counter (the 39th in a row shows 39): never sum it. 0 when absent or not a number. | unit: count | wire: dgb.hits';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."badge_name" IS 'Name of the fan badge (粉丝牌) the user wears, a streamer''s fan club; '''' when none. | wire: dgb.bnn';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."badge_level" IS 'Level of the fan badge worn (intimacy with that streamer). 0 when the field is absent or not a number. | unit: level | wire: dgb.bl | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."badge_room_id" IS 'The room whose fan club the badge belongs to; often not the room the message is in. 0 when the field is absent or not a number. | unit: Douyu room id | wire: dgb.brid | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and its integer value (0 if not a number) differs from room_id. Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."fields" IS 'Every wire field of the message as a JSON object of strings (last duplicate key wins, values unescaped once; nested STT such as el stays STT text), e.g. fields->>''ic'' (avatar). The loginres client IP (ip) is never stored. | wire: all fields';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."source_partition" IS 'Kafka partition of douyu.raw.v1 the row was read from; -1 for the embedded in-process queue of `danmaku run`. With source_offset and received_at it is unique per table.';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."source_offset" IS 'Kafka offset of the record within source_partition (the embedded queue numbers its own). Replays and redeliveries of the same offset never add a row.';
--> statement-breakpoint
COMMENT ON TABLE "user_entries" IS 'One row per viewer entering the room (Douyu uenter; only some users trigger it, typically those with a level or rank). No id: two collectors store it twice; daily partitions by received_at (UTC).';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."received_at" IS 'When the collector received the message (the Kafka record timestamp, fixed at the collector, so a replay lands on the same day). The tables are partitioned by its UTC day: filter on it. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."room_id" IS 'The room the collector subscribed to (the record key), not the message''s own rid; see is_cross_room. | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."uid" IS 'Douyu user id of the viewer. 0 when absent or not a number. | wire: uenter.uid';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."nickname" IS 'The user''s display name at that moment (users can rename); '''' when absent. | wire: uenter.nn';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."level" IS 'The user''s Douyu account level (grows with activity, site-wide, not per room). 0 when the field is absent or not a number. | unit: level | wire: uenter.level';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."noble_level" IS 'The user''s noble (贵族, paid membership) rank; higher is a more expensive rank. 0 when the field is absent or not a number. | unit: rank | wire: uenter.nl | codes: 0 = not a noble';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and its integer value (0 if not a number) differs from room_id. Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."fields" IS 'Every wire field of the message as a JSON object of strings (last duplicate key wins, values unescaped once; nested STT such as el stays STT text), e.g. fields->>''ic'' (avatar). The loginres client IP (ip) is never stored. | wire: all fields';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."source_partition" IS 'Kafka partition of douyu.raw.v1 the row was read from; -1 for the embedded in-process queue of `danmaku run`. With source_offset and received_at it is unique per table.';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."source_offset" IS 'Kafka offset of the record within source_partition (the embedded queue numbers its own). Replays and redeliveries of the same offset never add a row.';
--> statement-breakpoint
COMMENT ON TABLE "room_events" IS 'One row per message of every other type (spbc, rss, upgrade, loginres, mrkl, …), losslessly: all fields as jsonb; daily partitions by received_at (UTC).';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."received_at" IS 'When the collector received the message (the Kafka record timestamp, fixed at the collector, so a replay lands on the same day). The tables are partitioned by its UTC day: filter on it. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."room_id" IS 'The room the collector subscribed to (the record key), not the message''s own rid; see is_cross_room. | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."type" IS 'The message type as Douyu names it (e.g. spbc site-wide gift broadcast, rss live status, upgrade, loginres, mrkl heartbeat echo). | wire: type';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and its integer value (0 if not a number) differs from room_id. Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."fields" IS 'Every wire field of the message as a JSON object of strings (last duplicate key wins, values unescaped once; nested STT such as el stays STT text), e.g. fields->>''ic'' (avatar). The loginres client IP (ip) is never stored. | wire: all fields';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."body" IS 'The STT body as received, only when fields cannot reproduce it byte for byte (duplicate keys, odd syntax); NULL otherwise, and always NULL for loginres (it holds the client IP). | wire: the whole body';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."source_partition" IS 'Kafka partition of douyu.raw.v1 the row was read from; -1 for the embedded in-process queue of `danmaku run`. With source_offset and received_at it is unique per table.';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."source_offset" IS 'Kafka offset of the record within source_partition (the embedded queue numbers its own). Replays and redeliveries of the same offset never add a row.';
--> statement-breakpoint
COMMENT ON TABLE "collect_sessions" IS 'One row per collect session (one socket''s life on one room), from the collectors'' session events (douyu.sessions.v1): when the data for a room was being collected. See coverage_gaps.';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."session_id" IS 'Random id of the session (a UUID made by the collector).';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."room_id" IS 'The room the session listened to. | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."collector" IS 'The collector that held the socket (COLLECTOR_ID, default host-pid).';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."transport" IS 'How the collector reached Douyu. | codes: ws = WebSocket (wss://danmuproxy.douyu.com:8501-8506); tcp = the legacy TCP protocol';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."endpoint" IS 'The URL (ws) or host:port (tcp) the socket connected to.';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."connecting_at" IS 'When the socket started connecting (earliest time reported for this step; a replayed event changes nothing). NULL until it happens. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."connected_at" IS 'When the socket opened (earliest time reported for this step; a replayed event changes nothing). NULL until it happens. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."logged_in_at" IS 'When Douyu''s loginres arrived: from here on the room was covered (earliest time reported for this step; a replayed event changes nothing). NULL until it happens. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."closed_at" IS 'When the socket closed; NULL also for a collector killed outright (earliest time reported for this step; a replayed event changes nothing). NULL until it happens. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."close_reason" IS 'Why the session ended; NULL while open. | codes: user = stopped on purpose (shutdown, room released); connect-failed = refused, DNS, TLS or handshake failure; connect-timeout = the socket did not open in time; login-timeout = no loginres in time; dead-socket = nothing received for too long; protocol-error:CODE = the byte stream could not be framed; server-error:CODE = Douyu sent type@=error with that code; socket-error = the open socket failed; remote-closed = Douyu closed the socket';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."messages" IS 'Records the session handed on so far (the largest count reported). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "collect_sessions"."updated_at" IS 'When the writer last changed the row. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON TABLE "ingest_errors" IS 'One row per record the writer could not turn into a row, kept byte for byte with the reason; replays do not add it twice.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."id" IS 'Row number (identity).';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."topic" IS 'Kafka topic the record came from.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."partition" IS 'Kafka partition; -1 for the embedded in-process queue.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."offset" IS 'Kafka offset of the record.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."received_at" IS 'The record timestamp; NULL when it was not a plausible time. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."raw_key" IS 'The Kafka key as received (normally the room id as text).';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."raw_value" IS 'The Kafka value as received: convert_from(raw_value, ''UTF8'') for the STT body. | wire: the whole body';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."headers" IS 'The Kafka headers as a JSON object of strings.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."reason" IS 'Why the record was refused. | codes: invalid_key = the key is not a room id; invalid_timestamp = receive time before 2000 or from 3000 on; empty_value = empty body; invalid_utf8 = body not UTF-8; nul_character = body holds U+0000 (PostgreSQL text cannot); missing_type = no type field: not an STT message; invalid_session_event = a session event that fails its schema; unknown_topic = a topic the writer does not read; database_rejected = PostgreSQL refused a value (see detail)';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."detail" IS 'More about the reason (the bad timestamp, the database error); may be NULL.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_errors"."recorded_at" IS 'When the writer stored the row. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON TABLE "ingest_offsets" IS 'Exactly-once bookkeeping: the next Kafka offset the writer reads per (consumer group, topic, partition), written in the same transaction as each batch''s rows.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_offsets"."consumer_group" IS 'The writer consumer group (WRITER_GROUP_ID).';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_offsets"."topic" IS 'Kafka topic (douyu.raw.v1, douyu.sessions.v1, or the embedded queue).';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_offsets"."partition" IS 'Kafka partition; -1 for the embedded in-process queue.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_offsets"."next_offset" IS 'The first offset not yet written: where the writer resumes.';
--> statement-breakpoint
COMMENT ON COLUMN "ingest_offsets"."updated_at" IS 'When the offset last moved. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON TABLE "chat_message_ids" IS 'Chat dedupe keys: one row per (room_id, cid) already stored in chat_messages (a unique key on the partitioned table would need received_at); pruned with the partitions. Bookkeeping, not for analysis.';
--> statement-breakpoint
COMMENT ON COLUMN "chat_message_ids"."room_id" IS 'The room the collector subscribed to (the record key), not the message''s own rid; see is_cross_room. | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "chat_message_ids"."cid" IS 'The chat message id claimed. | wire: chatmsg.cid';
--> statement-breakpoint
COMMENT ON COLUMN "chat_message_ids"."received_at" IS 'When the collector received the message (the Kafka record timestamp, fixed at the collector, so a replay lands on the same day). The tables are partitioned by its UTC day: filter on it. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "chat_message_ids"."source_partition" IS 'Kafka partition of douyu.raw.v1 the row was read from; -1 for the embedded in-process queue of `danmaku run`. With source_offset and received_at it is unique per table.';
--> statement-breakpoint
COMMENT ON COLUMN "chat_message_ids"."source_offset" IS 'Kafka offset of the record within source_partition (the embedded queue numbers its own). Replays and redeliveries of the same offset never add a row.';
--> statement-breakpoint
COMMENT ON VIEW "chat_per_minute" IS 'Chat activity per room and minute (from chat_messages).';
--> statement-breakpoint
COMMENT ON COLUMN "chat_per_minute"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "chat_per_minute"."minute" IS 'Start of the minute of received_at. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "chat_per_minute"."messages" IS 'Chat messages in the minute, robot lines included. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "chat_per_minute"."chatters" IS 'Distinct uid that chatted in the minute. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "chat_per_minute"."robot_messages" IS 'Messages with is_robot (no dms field). | unit: count';
--> statement-breakpoint
COMMENT ON VIEW "top_chatters_daily" IS 'Chatters ranked by messages per room and UTC day (from chat_messages).';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."day" IS 'The UTC day of received_at. | unit: date (UTC)';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."uid" IS 'Douyu user id.';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."nickname" IS 'The user''s latest nickname that day.';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."messages" IS 'Chat messages that day in that room. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."rank" IS 'rank() by messages, 1 = most; ties share a rank. | unit: rank';
--> statement-breakpoint
COMMENT ON VIEW "gift_totals_daily" IS 'Gifts per room, UTC day and gift id (from gifts): counts, not money.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."day" IS 'The UTC day of received_at. | unit: date (UTC)';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."gift_id" IS 'Douyu''s gift id (gifts.gift_id).';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."gifts" IS 'Sum of gift_count (gfcnt), never of combo hits. | unit: gifts';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."senders" IS 'Distinct uid that gave this gift that day. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."events" IS 'dgb messages (rows of gifts). | unit: count';
--> statement-breakpoint
COMMENT ON VIEW "coverage_gaps" IS 'Stretches when no collect session was logged in to a room: missing data, not a quiet room (from collect_sessions; an open session superseded by a later one is taken as lost after its last row).';
--> statement-breakpoint
COMMENT ON COLUMN "coverage_gaps"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "coverage_gaps"."gap_start" IS 'When the last covering session ended. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "coverage_gaps"."gap_end" IS 'When the next session logged in. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "coverage_gaps"."gap_seconds" IS 'gap_end - gap_start. | unit: seconds';
