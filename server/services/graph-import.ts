import type { GraphSpec } from '../../nodes/core/spec';
import { specHash } from '../../nodes/core/spec-hash';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { ServiceError } from './errors';
import { createGraph, graphExport } from './graphs';
import { parseSpec } from './spec-input';

/**
 * Imports an exported graph as a new graph: the draft, and the version history with its numbers and
 * messages (versions chained parent to child). The import keeps what the export says even when a
 * node type is unknown here: such versions fail validation clearly when run, and nothing is lost.
 */
export async function importGraph(db: Db, input: { data: unknown; name?: string }) {
  const parsed = graphExport.safeParse(input.data);
  if (!parsed.success) {
    throw new ServiceError('BAD_REQUEST', `not a valid graph export: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  }
  const data = parsed.data;
  const spec = parseSpec(data.spec);
  const versions = [...data.versions].sort((a, b) => a.number - b.number).map((v) => ({ ...v, spec: parseSpec(v.spec) as GraphSpec }));
  const numbers = new Set(versions.map((v) => v.number));
  if (numbers.size !== versions.length) throw new ServiceError('BAD_REQUEST', 'not a valid graph export: version numbers repeat');

  const graph = await createGraph(db, { name: input.name ?? data.name, description: data.description, spec });
  let parentVersionId: string | null = null;
  for (const version of versions) {
    const created: { id: string } = await db.prisma.graphVersion.create({
      data: {
        graphId: graph.id,
        number: version.number,
        parentVersionId,
        spec: version.spec as unknown as Prisma.InputJsonValue,
        specHash: specHash(version.spec),
        message: version.message,
        createdBy: 'import',
        createdAt: version.createdAt ? new Date(version.createdAt) : undefined,
      },
      select: { id: true },
    });
    parentVersionId = created.id;
  }
  return { ...graph, versionCount: versions.length };
}
