-- Custom migration: pg_trgm, for the trigram index on chat_messages.text that the next
-- (generated) migration creates and `danmaku search` uses. pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database's owner, or any role with CREATE on the database, may create
-- it; where the migrating role may not, a superuser runs this statement once beforehand and it
-- is then a no-op. PGlite ships it as a contrib extension that every PGlite of danmaku loads
-- (services/writer/src/create-pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
