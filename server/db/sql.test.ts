import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';

/**
 * withSettings: the settings are in force for the statements of `fn`, concurrent callers with other
 * values each see their own, and a transaction scopes them to itself.
 */
describe.each(dbBackends())('SqlClient.withSettings on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.destroy());

  const workMem = (sql: TestDb['sql']) => sql.query<{ work_mem: string }>('SHOW work_mem').then((rows) => rows[0]!.work_mem);

  it('runs the statements of fn with the settings in force', async () => {
    expect(await db.sql.withSettings({ work_mem: '7MB' }, workMem)).toBe('7MB');
    expect(await db.sql.withSettings({ work_mem: '9MB' }, workMem)).toBe('9MB');
    expect(await db.sql.withSettings({ work_mem: '9MB' }, workMem)).toBe('9MB'); // unchanged: nothing re-sent, still in force
  });

  it('gives concurrent callers their own values', async () => {
    const values = ['5MB', '6MB', '7MB', '8MB', '5MB', '6MB', '7MB', '8MB'];
    const seen = await Promise.all(values.map((value) => db.sql.withSettings({ work_mem: value }, workMem)));
    expect(seen).toEqual(values);
  });

  it('scopes settings to a transaction when called inside one', async () => {
    await db.sql.withSettings({ work_mem: '4MB' }, workMem);
    const inside = await db.sql.transaction((tx) => tx.withSettings({ work_mem: '11MB' }, workMem));
    expect(inside).toBe('11MB');
  });

  it('refuses a value that is not a plain word or number', async () => {
    await expect(db.sql.withSettings({ work_mem: "1MB'; DROP TABLE run; --" }, workMem)).rejects.toThrow(/invalid setting/);
  });
});
