#!/bin/sh
# First start of the compose PostgreSQL (after 10-danmaku.sql): the role Grafana reads through.
# pg_read_all_data (PostgreSQL 14+) covers every table, view and schema, including tables that
# migrations and the writer's daily partitions create later, so no default privileges need
# keeping in step with the schema; it grants no write. The password comes from the environment
# and reaches psql as a variable on stdin, never on a command line.
# test/postgres-grafana-reader.test.ts runs this script against a real server, with its own
# GRAFANA_DB_USER and DANMAKU_DATABASE.
set -eu
: "${GRAFANA_DB_PASSWORD:?GRAFANA_DB_PASSWORD is not set}"
database="${DANMAKU_DATABASE:-danmaku}"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "$database" \
  -v database="$database" -v reader="${GRAFANA_DB_USER:-grafana_reader}" \
  -v reader_password="$GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE :"reader" LOGIN PASSWORD :'reader_password';
GRANT CONNECT ON DATABASE :"database" TO :"reader";
GRANT pg_read_all_data TO :"reader";
-- Defence in depth: every session of this role is read-only, even if a grant is added later.
ALTER ROLE :"reader" SET default_transaction_read_only = on;
SQL
