import { randomUUID } from 'node:crypto';
import type { GraphSpec } from '../../nodes/core/spec';
import { specHash } from '../../nodes/core/spec-hash';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { isUniqueViolation, ServiceError } from './errors';
import { graphExport, graphNameTaken } from './graphs';
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

  // the graph and its versions are written together: a failed import leaves no graph behind
  const graphId = randomUUID();
  const versionIds = versions.map(() => randomUUID());
  const name = input.name ?? data.name;
  try {
    await db.prisma.$transaction([
      db.prisma.graph.create({ data: { id: graphId, name, description: data.description, draft: spec as unknown as Prisma.InputJsonValue } }),
      db.prisma.graphVersion.createMany({
        data: versions.map((version, i) => ({
          id: versionIds[i]!,
          graphId,
          number: version.number,
          parentVersionId: i > 0 ? versionIds[i - 1]! : null,
          spec: version.spec as unknown as Prisma.InputJsonValue,
          specHash: specHash(version.spec),
          message: version.message,
          createdBy: 'import',
          createdAt: version.createdAt ? new Date(version.createdAt) : undefined,
        })),
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw graphNameTaken(name);
    throw error;
  }
  return { id: graphId, name, versionCount: versions.length };
}
