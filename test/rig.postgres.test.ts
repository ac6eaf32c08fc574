// Proves the PostgreSQL part of the test rig: this run's throwaway database and freshDatabase().
import { expect, it } from 'vitest';
import {
  describeWithServices,
  freshDatabase,
  services,
  uniqueName,
  withPg,
} from './support/index.js';

describeWithServices(['postgres'], 'rig: postgres', () => {
  it("round-trips text and raw bytes through the run's throwaway database", async () => {
    const { databaseUrl } = services();
    const schema = uniqueName('rig_pg');
    const body = '弹幕 chat @S/ @A= 😀';
    const raw = Buffer.from([0x00, 0xff, 0xfe, 0x2f, 0x40, 0x3d, 0x80]);

    const rows = await withPg(databaseUrl, async (client) => {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(
        `CREATE TABLE ${schema}.chat (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL, raw bytea NOT NULL)`,
      );
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${schema}.chat (body, raw) VALUES ($1, $2) RETURNING id`,
        [body, raw],
      );
      const selected = await client.query<{ body: string; raw: Buffer; db: string }>(
        `SELECT body, raw, current_database() AS db FROM ${schema}.chat WHERE id = $1`,
        [inserted.rows[0]?.id],
      );
      return selected.rows;
    });

    expect(rows).toEqual([{ body, raw, db: new URL(databaseUrl).pathname.slice(1) }]);
    expect(rows[0]?.db).toMatch(/^danmaku_test_\d+_[0-9a-z]+$/);
  });

  it('hands out an empty, separate database per freshDatabase() call', async () => {
    const first = await freshDatabase('rig');
    const second = await freshDatabase('rig');
    expect(first).not.toBe(second);
    const tables = await withPg(first, async (client) => {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      return Number(rows[0]?.n);
    });
    expect(tables).toBe(0);
  });
});
