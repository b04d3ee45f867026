import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createDataset, deleteDataset, findDatasetByName, listDatasets, updateDataset } from '../../server/services/datasets';
import type { Db } from '../../server/db/client';
import { openCliDb } from '../db';

export const datasetsArgs = z.object({
  action: z.enum(['list', 'add', 'rename', 'delete'], { error: 'datasets takes list, add, rename or delete' }).default('list'),
  name: z.string().optional(),
  /** rename's new name */
  to: z.string().optional(),
  queries: z.string().optional(),
  qrels: z.string().optional(),
  description: z.string().optional(),
});

/** `rag datasets`: the stored sets of judged queries that `rag eval --dataset NAME` and the editor evaluate on. */
export async function datasetsCommand(args: z.infer<typeof datasetsArgs>): Promise<unknown> {
  const db = await openCliDb();
  try {
    if (args.action === 'add') {
      if (!args.name || !args.queries || !args.qrels) throw new Error('usage: rag datasets add NAME --queries queries.jsonl --qrels qrels.tsv [--description TEXT]');
      const created = await createDataset(db, { name: args.name, description: args.description, queriesText: readFileSync(args.queries, 'utf8'), qrelsText: readFileSync(args.qrels, 'utf8'), createdBy: 'cli' });
      const { unjudged, judgedButMissing, allZero } = created.skipped;
      process.stderr.write(`kept ${created.queryCount} judged queries; left out ${unjudged} unjudged, ${judgedButMissing} judged but not in the queries file, ${allZero} with no relevant document\n`);
      return { id: created.id, name: created.name, queries: created.queryCount, judgements: created.judgementCount };
    }
    if (args.action === 'rename') {
      if (!args.name || !args.to) throw new Error('usage: rag datasets rename NAME NEW_NAME');
      const renamed = await updateDataset(db, { id: await idOf(db, args.name), name: args.to });
      return { dataset: args.name, renamed: renamed.name, evaluations: renamed.evaluationCount };
    }
    if (args.action === 'delete') {
      if (!args.name) throw new Error('usage: rag datasets delete NAME');
      return { dataset: args.name, ...(await deleteDataset(db, await idOf(db, args.name))) };
    }
    return (await listDatasets(db)).map((d) => ({ name: d.name, queries: d.queryCount, judgements: d.judgementCount, evaluations: d.evaluationCount, created: d.createdAt }));
  } finally {
    await db.close();
  }
}

async function idOf(db: Db, name: string): Promise<string> {
  const found = await findDatasetByName(db, name);
  if (!found) throw new Error(`no dataset is named "${name}" (rag datasets lists them)`);
  return found.id;
}
