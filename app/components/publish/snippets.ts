/**
 * Copy-paste examples for calling an endpoint. The key is read from RAGRAPH_API_KEY in every snippet:
 * secrets never end up in shell history or source files by way of a copied example.
 */
export type SnippetLanguage = 'curl' | 'python' | 'typescript';
export type EndpointKind = 'chat' | 'embedder' | 'ingestion' | 'other';

export interface SnippetTarget {
  origin: string;
  slug: string;
  kind: EndpointKind;
  /** for ingestion endpoints: the collection uploads go to */
  collection?: string;
  /** for ingestion endpoints: whether it loads web pages (called with addresses, not files) */
  webPages?: boolean;
  /** an example run input (defaults per kind) */
  input?: Record<string, unknown>;
}

export interface Snippet {
  language: SnippetLanguage;
  title: string;
  code: string;
}

export function snippetsFor(target: SnippetTarget): Snippet[] {
  const input = target.input ?? defaultInput(target.kind, target.webPages);
  const url = `${target.origin}/api/v1/endpoints/${target.slug}`;
  const body = JSON.stringify(input);
  const snippets: Snippet[] = [
    { language: 'curl', title: 'curl', code: `curl ${url} \\\n  -H "Authorization: Bearer $RAGRAPH_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${body.replace(/'/g, "'\\''")}'` },
    {
      language: 'python',
      title: 'Python',
      code: `import os\nimport requests\n\nresponse = requests.post(\n    "${url}",\n    headers={"Authorization": f"Bearer {os.environ['RAGRAPH_API_KEY']}"},\n    json=${pythonLiteral(input)},\n    timeout=300,\n)\nresponse.raise_for_status()\nprint(response.json()["output"])`,
    },
    {
      language: 'typescript',
      title: 'TypeScript',
      code: `const response = await fetch('${url}', {\n  method: 'POST',\n  headers: {\n    Authorization: \`Bearer \${process.env.RAGRAPH_API_KEY}\`,\n    'Content-Type': 'application/json',\n  },\n  body: JSON.stringify(${JSON.stringify(input)}),\n});\nif (!response.ok) throw new Error((await response.json()).error.message);\nconst { runId, output } = await response.json();`,
    },
  ];
  if (target.kind === 'chat') snippets.push(...chatSnippets(target));
  if (target.kind === 'embedder') snippets.push(...embeddingSnippets(target));
  if (target.kind === 'ingestion' && target.collection) snippets.push(uploadSnippet(target.origin, target.collection, target.slug));
  return snippets;
}

function chatSnippets({ origin, slug }: SnippetTarget): Snippet[] {
  const base = `${origin}/api/v1/openai`;
  return [
    {
      language: 'python',
      title: 'Python (OpenAI SDK)',
      code: `import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url="${base}", api_key=os.environ["RAGRAPH_API_KEY"])\nstream = client.chat.completions.create(\n    model="${slug}",\n    messages=[{"role": "user", "content": "What is …?"}],\n    stream=True,\n)\nfor chunk in stream:\n    print(chunk.choices[0].delta.content or "", end="")\n# the chunk with finish_reason also carries chunk.citations`,
    },
    {
      language: 'typescript',
      title: 'TypeScript (OpenAI SDK)',
      code: `import OpenAI from 'openai';\n\nconst client = new OpenAI({ baseURL: '${base}', apiKey: process.env.RAGRAPH_API_KEY });\nconst completion = await client.chat.completions.create({\n  model: '${slug}',\n  messages: [{ role: 'user', content: 'What is …?' }],\n});\nconsole.log(completion.choices[0].message.content);\n// sources: (completion as unknown as { citations: unknown[] }).citations`,
    },
  ];
}

function embeddingSnippets({ origin, slug }: SnippetTarget): Snippet[] {
  return [
    {
      language: 'python',
      title: 'Python (OpenAI SDK)',
      code: `import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url="${origin}/api/v1/openai", api_key=os.environ["RAGRAPH_API_KEY"])\nresult = client.embeddings.create(model="${slug}", input=["first text", "second text"])\nvectors = [d.embedding for d in result.data]`,
    },
  ];
}

function uploadSnippet(origin: string, collection: string, slug: string): Snippet {
  return {
    language: 'curl',
    title: 'curl (upload files)',
    code: `curl "${origin}/api/v1/collections/${collection}/documents?endpoint=${slug}" \\\n  -H "Authorization: Bearer $RAGRAPH_API_KEY" \\\n  -H "Accept: text/event-stream" \\\n  -F files=@report.pdf -F files=@notes.md`,
  };
}

function defaultInput(kind: EndpointKind, webPages = false): Record<string, unknown> {
  if (kind === 'ingestion' && webPages) return { urls: ['https://example.com/docs/'] };
  if (kind === 'ingestion') return { files: [{ name: 'notes.txt', contentBase64: 'SGVsbG8gd29ybGQ=' }] };
  return { query: 'What is …?' };
}

/** A JSON value written as a Python literal (true/false/null differ). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`)
    .join(', ')}}`;
}
