import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../server/testing/db';
import { applyMigrations, readMigrations } from './migrate';

/** Table and column names that schema.prisma maps to, parsed from the schema text. */
function schemaTables(): Map<string, string[]> {
  const schema = readFileSync(join(import.meta.dirname, 'schema.prisma'), 'utf8');
  const tables = new Map<string, string[]>();
  for (const block of schema.matchAll(/^model \w+ \{([\s\S]*?)^\}/gm)) {
    const body = block[1]!;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1];
    if (!table) throw new Error('every model maps to a snake_case table');
    const columns: string[] = [];
    for (const line of body.split('\n')) {
      const field = /^\s+(\w+)\s+([\w[\]?()".]+)/.exec(line);
      if (!field || line.trim().startsWith('@@') || line.trim().startsWith('//')) continue;
      const type = field[2]!;
      if (/^[A-Z]/.test(type) && !/^(String|Int|BigInt|Boolean|DateTime|Json|Float|Decimal|Bytes|Unsupported|RunStatus)/.test(type)) continue; // relations
      columns.push(/@map\("([^"]+)"\)/.exec(line)?.[1] ?? field[1]!);
    }
    tables.set(table, columns.sort());
  }
  return tables;
}

describe.each(dbBackends())('migrations on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('applied every migration once and records it as Prisma does', async () => {
    const rows = await db.sql.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
  });

  it('is idempotent: a second run applies nothing', async () => {
    const applied = await applyMigrations({ query: (sql, params) => db.sql.query(sql, params), exec: async (sql) => void (await db.sql.query(sql)) });
    expect(applied).toEqual([]);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const [first, ...rest] = readMigrations();
    const edited = [{ ...first!, checksum: 'different' }, ...rest];
    await expect(applyMigrations({ query: (sql, params) => db.sql.query(sql, params), exec: async (sql) => void (await db.sql.query(sql)) }, edited)).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it('created exactly the tables and columns schema.prisma describes', async () => {
    const rows = await db.sql.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = new Map<string, string[]>();
    for (const r of rows) actual.set(r.table_name, [...(actual.get(r.table_name) ?? []), r.column_name].sort());
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...schemaTables()].sort()));
  });

  it('has pgvector with HNSW available', async () => {
    const [row] = await db.sql.query<{ extversion: string }>("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
    expect(row?.extversion).toMatch(/^0\.[89]\./);
    const [am] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_am WHERE amname = 'hnsw'");
    expect(am?.n).toBe(1);
  });
});

describe('npm run db:migrate', () => {
  it('migrates the embedded database of DATA_DIR and prints what is applied', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rag-migrate-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'migrate-cli.ts')], { encoding: 'utf8', env, timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      const migrations = readMigrations();
      expect(JSON.parse(result.stdout.trim())).toEqual({ database: 'pglite', location: expect.stringContaining(dataDir), migrations: migrations.length, latest: migrations.at(-1)!.name });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
