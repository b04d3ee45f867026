import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollbackEndpoint, setRouting } from '../../services/endpoints';
import { saveVersion } from '../../services/versions';
import { dbBackends } from '../../testing/db';
import { echoGraph, startApi, type ApiHarness } from './testing';

/** Which version serves a call: canary split, pinning, following the latest version, rollback. */
describe.each(dbBackends())('endpoint routing on %s', (backend) => {
  let api: ApiHarness;
  let secret: string;
  beforeAll(async () => {
    api = await startApi(backend);
    ({ secret } = await api.key({ rateLimitPerMinute: 1_000_000 }));
  });
  afterAll(async () => {
    await api?.close();
  });

  async function callVersion(slug: string): Promise<{ version: number; field: string }> {
    const response = await fetch(`${api.url}/api/v1/endpoints/${slug}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'which version?' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { version: number; output: Record<string, unknown> };
    return { version: body.version, field: Object.keys(body.output)[0]! };
  }

  it('splits 1,000 calls between main and canary within ±3 % of the setting, and each run names the version that served it', async () => {
    // v1 answers in field "v1", v2 in "v2": the output proves which spec ran, not only the label
    const published = await api.publish('split', [echoGraph('v1'), echoGraph('v2')], { versionNumber: 1 });
    await setRouting(api.db, { id: published.endpointId, versionId: published.versionIds[0]!, canaryVersionId: published.versionIds[1]!, canaryPercent: 20 });
    const counts = { 1: 0, 2: 0 } as Record<number, number>;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 1000) {
          next++;
          const { version, field } = await callVersion('split');
          expect(field).toBe(`v${version}`);
          counts[version] = (counts[version] ?? 0) + 1;
        }
      }),
    );
    expect(counts[1]! + counts[2]!).toBe(1000);
    expect(Math.abs(counts[2]! / 1000 - 0.2)).toBeLessThanOrEqual(0.03);
    const rows = await api.db.sql.query<{ graph_version_id: string; n: number }>(
      'SELECT graph_version_id, count(*)::int AS n FROM run WHERE endpoint_id = $1 GROUP BY graph_version_id',
      [published.endpointId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.graph_version_id, r.n]))).toEqual({ [published.versionIds[0]!]: counts[1], [published.versionIds[1]!]: counts[2] });
  }, 120_000);

  it('follows the latest version unless pinned, and rolls back one revision at a time', async () => {
    const published = await api.publish('follow', echoGraph('v1'));
    expect(await callVersion('follow')).toEqual({ version: 1, field: 'v1' });

    // a new version is served without republishing (within the 1 s routing cache)
    const v2 = await saveVersion(api.db, { graphId: published.graphId, baseVersionId: published.versionIds[0]!, spec: echoGraph('v2') });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await callVersion('follow')).toEqual({ version: 2, field: 'v2' });

    // pin v1: at once (changes made in this process drop the cached routing)
    await setRouting(api.db, { id: published.endpointId, versionId: published.versionIds[0]! });
    expect(await callVersion('follow')).toEqual({ version: 1, field: 'v1' });
    // canary 50 % to v2
    await setRouting(api.db, { id: published.endpointId, canaryVersionId: v2.id, canaryPercent: 50 });
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) seen.add((await callVersion('follow')).version);
    expect(seen).toEqual(new Set([1, 2]));

    // rollback: the canary goes, then the pin goes (back to "latest"), then nothing is left to undo
    const first = await rollbackEndpoint(api.db, published.endpointId);
    expect(first).toMatchObject({ versionId: published.versionIds[0], canaryVersionId: null, canaryPercent: 0 });
    for (let i = 0; i < 5; i++) expect((await callVersion('follow')).version).toBe(1);
    const second = await rollbackEndpoint(api.db, published.endpointId);
    expect(second).toMatchObject({ versionId: null, canaryVersionId: null });
    expect(await callVersion('follow')).toEqual({ version: 2, field: 'v2' });
    await expect(rollbackEndpoint(api.db, published.endpointId)).rejects.toThrow(/no earlier routing to roll back to/);
    // the history keeps every revision, the undone ones marked
    expect(second.revisions.map((r) => [r.versionNumber, r.canaryVersionNumber, r.revertedAt !== null])).toEqual([
      [1, 2, true],
      [1, null, true],
      [null, null, false],
    ]);
  });
});
