import { catalog } from '../../nodes/catalog';
import { validateGraph } from '../../nodes/core/validate';
import type { Db } from '../../server/db/client';
import type { Prisma } from '../../server/db/generated/client';
import { createGraph } from '../../server/services/graphs';
import { saveVersion } from '../../server/services/versions';
import { exampleGraphs } from './examples';

const MARKER = 'examples_seeded';

/**
 * Puts the example graphs (not the templates) into a new database, once: a user who deletes them does not get them back
 * on the next start. Each example gets version 1 so it can be run and published straight away.
 */
export async function seedExamples(db: Db): Promise<{ seeded: string[] }> {
  const marker = await db.prisma.appSetting.findUnique({ where: { key: MARKER } });
  if (marker) return { seeded: [] };
  const seeded: string[] = [];
  for (const example of exampleGraphs().filter((e) => e.seeded)) {
    const exists = await db.prisma.graph.findUnique({ where: { name: example.name }, select: { id: true } });
    if (exists) continue;
    const graph = await createGraph(db, { name: example.name, description: example.description, spec: example.spec });
    if (validateGraph(example.spec, catalog).ok) {
      await saveVersion(db, { graphId: graph.id, baseVersionId: null, message: 'Example graph', createdBy: 'seed' });
    }
    seeded.push(example.name);
  }
  await db.prisma.appSetting.upsert({
    where: { key: MARKER },
    create: { key: MARKER, value: { at: new Date().toISOString(), graphs: seeded } as Prisma.InputJsonValue },
    update: {},
  });
  return { seeded };
}
