import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedExamples } from '../../prisma/seed/seed';
import { createGraph, listGraphs } from '../services/graphs';
import { openDb } from './client';

describe('embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what was saved across a restart and seeds the examples only once', async () => {
    const first = await openDb({ pgliteDir: dir });
    expect((await seedExamples(first)).seeded).toHaveLength(2);
    await createGraph(first, { name: 'survives restart' });
    await first.close();

    const second = await openDb({ pgliteDir: dir });
    const names = (await listGraphs(second)).map((g) => g.name).sort();
    expect(names).toEqual(['Example: answer questions', 'Example: ingest documents', 'survives restart']);
    // a user who deletes an example does not get it back on the next start
    await second.prisma.graph.deleteMany({ where: { name: 'Example: answer questions' } });
    expect((await seedExamples(second)).seeded).toEqual([]);
    await second.close();
  });

  it('refuses a folder that is already open, and opens it again once closed', async () => {
    const held = await openDb({ pgliteDir: join(dir, 'held') });
    try {
      await expect(openDb({ pgliteDir: join(dir, 'held') })).rejects.toThrow(/cannot open the embedded database in .*held: this process already has it open/);
    } finally {
      await held.close();
    }
    // closed, the folder opens again
    const again = await openDb({ pgliteDir: join(dir, 'held') });
    await again.close();
  });
});

describe('real Postgres', () => {
  it('names the URL (without password) and the cause when it cannot connect', async () => {
    await expect(openDb({ databaseUrl: 'postgresql://someone:secret@127.0.0.1:1/db' })).rejects.toThrow(
      /cannot connect to DATABASE_URL \(postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/db\)/,
    );
  });
});
