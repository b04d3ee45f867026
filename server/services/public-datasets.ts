import { z } from 'zod';
import { coversAllEndpoints, type AuthenticatedKey } from './api-keys';
import { createDataset, createDatasetInput, listDatasets, type DatasetSummary } from './datasets';
import { parseOrBadRequest, ServiceError } from './errors';
import { chargeKey, type PublicApiDeps } from './public-calls';

/**
 * Datasets through the public API, so a deployment pipeline can store the judged queries it then
 * evaluates endpoints on. A dataset serves every endpoint (evaluations name it), so only a key for all
 * endpoints may add one; any key may list them.
 */
export const publicDatasetRequest = createDatasetInput.strict();

export const publicDatasetView = z.object({
  name: z.string().describe('What evaluations name it by.'),
  description: z.string(),
  queries: z.number().int().describe('Judged queries kept (those with at least one relevant document).'),
  judgements: z.number().int().describe('(query, document) judgements kept.'),
  skipped: z
    .object({ unjudged: z.number().int(), judgedButMissing: z.number().int(), allZero: z.number().int() })
    .describe('What the files held that was left out: queries without judgements, judgements of unknown queries, queries judged all 0.'),
  createdAt: z.string().describe('ISO 8601.'),
});
export type PublicDatasetView = z.infer<typeof publicDatasetView>;

function view(dataset: DatasetSummary): PublicDatasetView {
  return {
    name: dataset.name,
    description: dataset.description,
    queries: dataset.queryCount,
    judgements: dataset.judgementCount,
    skipped: dataset.skipped,
    createdAt: dataset.createdAt.toISOString(),
  };
}

export async function addPublicDataset(deps: PublicApiDeps, key: AuthenticatedKey, body: Record<string, unknown>): Promise<PublicDatasetView> {
  await chargeKey(deps, key);
  if (!coversAllEndpoints(key)) {
    throw new ServiceError(
      'FORBIDDEN',
      `API key ${key.prefix} ("${key.name}") is scoped to some endpoints, and a dataset serves all of them: add datasets with a key for all endpoints, or on the Datasets page`,
    );
  }
  const input = parseOrBadRequest(publicDatasetRequest, body, 'the dataset is not valid');
  return view(await createDataset(deps.db, { ...input, createdBy: `api key ${key.prefix}` }));
}

export async function listPublicDatasets(deps: PublicApiDeps, key: AuthenticatedKey): Promise<{ datasets: PublicDatasetView[] }> {
  await chargeKey(deps, key);
  return { datasets: (await listDatasets(deps.db)).map(view) };
}
