import { describe, expect, it } from 'vitest';
import { catalog } from '../../nodes/catalog';
import { validateGraph } from '../../nodes/core/validate';
import { getExample } from '../../prisma/seed/examples';
import { forWebPages } from './web-import';

const crawl = { crawlDepth: 2, maxPages: 30, scope: 'site' as const, skipPaths: ['/blog/'] };

describe('the spec a web import runs', () => {
  it('puts a page loader in place of a File input, keeping its id and edges, and sends its failures to the output', () => {
    const ingest = getExample('ingest')!.spec;
    const spec = forWebPages(ingest, crawl);
    expect(validateGraph(spec, catalog).issues).toEqual([]);
    const files = spec.nodes.find((n) => n.id === 'files')!;
    expect(files).toMatchObject({ type: 'io.web-input', typeVersion: 1, config: { ...crawl, allowPrivateNetwork: false }, position: ingest.nodes[0]!.position });
    expect(spec.edges.filter((e) => e.from.node === 'files').map((e) => `${e.from.port}→${e.to.node}.${e.to.port}`)).toEqual([
      'files→parse.files',
      'failures→unloaded.value',
      'addresses→pages.value',
      'gone→store.remove',
    ]);
    expect(spec.nodes.find((n) => n.id === 'unloaded')).toMatchObject({ type: 'io.result-output', config: { field: 'unloaded' } });
    expect(spec.nodes.find((n) => n.id === 'pages')).toMatchObject({ type: 'io.result-output', config: { field: 'pages' } });
    // the graph itself is not touched
    expect(ingest.nodes.find((n) => n.id === 'files')!.type).toBe('io.file-input');
  });

  it('keeps a graph\'s own Web pages node, with the crawl asked for, and adds nothing where the graph is wired', () => {
    const web = getExample('web-pages')!.spec;
    const spec = forWebPages(web, { ...crawl, allowPrivateNetwork: true });
    expect(spec.nodes).toEqual(web.nodes.map((n) => (n.id === 'pages' ? { ...n, config: { ...crawl, allowPrivateNetwork: true, renderJavaScript: false, useSitemaps: false } } : n)));
    expect(spec.edges).toEqual(web.edges);
  });

  it('leaves a Remove input that something else feeds alone', () => {
    const ingest = getExample('ingest')!.spec;
    const fed = { ...ingest, edges: [...ingest.edges, { id: 'mine', from: { node: 'parse', port: 'failures' }, to: { node: 'store', port: 'remove' } }] };
    const spec = forWebPages(fed, crawl);
    expect(spec.edges.filter((e) => e.to.node === 'store' && e.to.port === 'remove').map((e) => e.id)).toEqual(['mine']);
  });

  it('picks free ids when the graph already uses "unloaded" as a node id', () => {
    const ingest = getExample('ingest')!.spec;
    const crowded = { ...ingest, nodes: [...ingest.nodes, { id: 'unloaded', type: 'util.passthrough', typeVersion: 1, config: {}, position: { x: 0, y: 0 } }] };
    const spec = forWebPages(crowded, crawl);
    expect(spec.nodes.find((n) => n.id === 'unloaded-2')).toMatchObject({ config: { field: 'unloaded' } });
  });
});
