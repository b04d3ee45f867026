import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createDataset, deleteDataset, findDatasetByName, listDatasets } from '../../server/services/datasets';
import { openCliDb } from '../db';

export const datasetsArgs = z.object({
  action: z.enum(['list', 'add', 'delete'], { error: 'datasets takes list, add or delete' }).default('list'),
  name: z.string().optional(),
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
    if (args.action === 'delete') {
      if (!args.name) throw new Error('usage: rag datasets delete NAME');
      const found = await findDatasetByName(db, args.name);
      if (!found) throw new Error(`no dataset is named "${args.name}" (rag datasets lists them)`);
      return { dataset: args.name, ...(await deleteDataset(db, found.id)) };
    }
    return (await listDatasets(db)).map((d) => ({ name: d.name, queries: d.queryCount, judgements: d.judgementCount, evaluations: d.evaluationCount, created: d.createdAt }));
  } finally {
    await db.close();
  }
}
