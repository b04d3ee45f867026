/**
 * GET /api/v1/docs: the OpenAPI document rendered as one self-contained HTML page (inline CSS, no
 * scripts, no CDN), so it works offline and in any environment the server runs in.
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function renderDocsPage(doc: Json, origin: string): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const tags = ((doc.tags ?? []) as { name: string; description?: string }[]).map((t) => t.name);
  const operations: { path: string; method: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item[method]) operations.push({ path, method, op: item[method] as Json });
  }
  const byTag = new Map<string, typeof operations>(tags.map((t) => [t, []]));
  for (const o of operations) {
    const tag = ((o.op.tags as string[] | undefined) ?? ['Other'])[0]!;
    byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
  }
  const schemas = (((doc.components ?? {}) as Json).schemas ?? {}) as Record<string, Json>;

  const nav = [...byTag]
    .map(([tag, ops]) => `<li><a href="#tag-${slug(tag)}">${esc(tag)}</a><ul>${ops.map((o) => `<li><a href="#${anchor(o)}"><span class="m ${o.method}">${o.method.toUpperCase()}</span> ${esc(o.path.replace('/api/v1', ''))}</a></li>`).join('')}</ul></li>`)
    .join('');
  const sections = [...byTag]
    .map(([tag, ops]) => `<section id="tag-${slug(tag)}"><h2>${esc(tag)}</h2>${ops.map((o) => operation(o, origin)).join('')}</section>`)
    .join('');
  const schemaSection = Object.entries(schemas)
    .map(([name, s]) => `<div class="schema" id="schema-${slug(name)}"><h3>${esc(name)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre></div>`)
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(String(info.title ?? 'API'))} — reference</title>
<link rel="icon" href="${FAVICON}">
<style>${CSS}</style></head>
<body><nav class="side"><a class="home" href="/endpoints">← Ragraph</a><h1>${esc(String(info.title ?? 'API'))}</h1>
<p class="small"><a href="/api/v1/openapi.json">openapi.json</a> · OpenAPI ${esc(String(doc.openapi ?? ''))}</p><ul>${nav}<li><a href="#schemas">Schemas</a></li></ul></nav>
<main><section class="intro"><h1>${esc(String(info.title ?? 'API'))}</h1><p>${inline(String(info.description ?? ''))}</p>
<pre>curl ${esc(origin)}/api/v1/openai/models -H "Authorization: Bearer $RAGRAPH_API_KEY"</pre></section>
${sections}<section id="schemas"><h2>Schemas</h2>${schemaSection}</section></main></body></html>`;
}

function operation(o: { path: string; method: string; op: Json }, origin: string): string {
  const { op } = o;
  const params = (op.parameters ?? []) as { name: string; in: string; required?: boolean; description?: string; schema?: Json }[];
  const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema?: Json }> | undefined;
  const responses = (op.responses ?? {}) as Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
  const paramTable = params.length
    ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>${params
        .map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${esc(p.in)}</td><td>${esc(typeOf(p.schema))}</td><td>${inline(p.description ?? '')}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const bodyBlock = body
    ? Object.entries(body)
        .map(([type, c]) => `<details open><summary>Request body <code>${esc(type)}</code></summary>${schemaBlock(c.schema)}</details>`)
        .join('')
    : '';
  const responseBlock = Object.entries(responses)
    .map(([status, r]) => {
      const json = r.content?.['application/json']?.schema;
      return `<details${status.startsWith('2') ? ' open' : ''}><summary><span class="status s${status[0]}">${esc(status)}</span> ${inline(r.description ?? '')}</summary>${json ? schemaBlock(json) : ''}</details>`;
    })
    .join('');
  return `<article class="op" id="${anchor(o)}"><h3><span class="m ${o.method}">${o.method.toUpperCase()}</span> <code>${esc(o.path)}</code></h3>
<p class="summary">${esc(String(op.summary ?? ''))}</p>${String(op.description ?? '')
    .split('\n\n')
    .map((p) => `<p>${inline(p)}</p>`)
    .join('')}
${paramTable}${bodyBlock}<h4>Responses</h4>${responseBlock}<h4>Example</h4><pre>${esc(example(o, origin))}</pre></article>`;
}

/** Example JSON bodies by how the path ends (endpoint calls take their graph's query). */
const EXAMPLE_BODIES: [string, string][] = [
  ['/chat/completions', '{"model": "<slug>", "messages": [{"role": "user", "content": "What is …?"}]}'],
  ['/embeddings', '{"model": "<slug>", "input": "text to embed"}'],
  ['/evaluations', '{"dataset": "scifact train", "version": "canary"}'],
];

function example(o: { path: string; method: string }, origin: string): string {
  const url = `${origin}${o.path}`;
  if (o.method === 'get') return `curl ${url} \\\n  -H "Authorization: Bearer $RAGRAPH_API_KEY"`;
  if (o.path.endsWith('/documents')) return `curl ${url} \\\n  -H "Authorization: Bearer $RAGRAPH_API_KEY" \\\n  -F files=@report.pdf`;
  const body = EXAMPLE_BODIES.find(([ending]) => o.path.endsWith(ending))?.[1] ?? '{"query": "What is …?"}';
  return `curl ${url} \\\n  -H "Authorization: Bearer $RAGRAPH_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${body}'`;
}

function schemaBlock(schema: Json | undefined): string {
  if (!schema) return '';
  const ref = typeof schema.$ref === 'string' ? schema.$ref.split('/').pop()! : null;
  if (ref) return `<p class="small">Schema: <a href="#schema-${slug(ref)}">${esc(ref)}</a></p>`;
  return `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`;
}

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).join(' | ');
  return String(schema.type ?? '') + (schema.format ? ` (${String(schema.format)})` : '');
}

function anchor(o: { path: string; method: string }): string {
  return `${o.method}-${slug(o.path)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** HTML-escaped text with `code` spans. */
function inline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline, so the browser does not ask for /favicon.ico (a 404) */
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1l7 7-7 7-7-7z" fill="#4f46e5"/></svg>')}`;

const CSS = `
:root{color-scheme:light;--fg:#1f2430;--muted:#667085;--line:#e4e7ec;--bg:#fff;--side:#f7f8fa;--accent:#4f46e5}
*{box-sizing:border-box}body{margin:0;display:flex;font:14px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
nav.side{position:sticky;top:0;height:100vh;overflow:auto;width:290px;flex:none;background:var(--side);border-right:1px solid var(--line);padding:16px}
nav.side h1{font-size:16px;margin:12px 0 4px}nav.side ul{list-style:none;padding-left:0;margin:6px 0}nav.side ul ul{padding-left:8px}
nav.side a{color:var(--fg);text-decoration:none;display:block;padding:2px 0;font-size:13px;overflow-wrap:anywhere}nav.side a:hover{color:var(--accent)}
.home{color:var(--muted)!important}main{flex:1;min-width:0;padding:24px 40px;max-width:1100px}
h2{border-bottom:1px solid var(--line);padding-bottom:6px;margin-top:40px}.op{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:16px 0}
.op h3{margin:0 0 4px;font-size:15px}.summary{font-weight:600;margin:4px 0}.small{font-size:12px;color:var(--muted)}
.m{display:inline-block;min-width:44px;text-align:center;border-radius:4px;font-size:11px;font-weight:700;padding:1px 4px;color:#fff;background:#64748b}
.m.get{background:#0284c7}.m.post{background:#16a34a}.m.delete{background:#dc2626}
pre{background:#0f172a;color:#e2e8f0;padding:10px 12px;border-radius:6px;overflow:auto;font-size:12px;max-height:420px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}p code,td code{background:#f1f5f9;padding:0 4px;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);text-align:left;padding:4px 8px;vertical-align:top}
details{margin:4px 0}summary{cursor:pointer}.status{font-weight:700;font-family:ui-monospace,monospace}.s2{color:#16a34a}.s4{color:#d97706}.s5{color:#dc2626}
.req{color:#dc2626;font-size:11px}.schema h3{margin-bottom:4px}
`;
