import { z } from 'zod';
import { defineNode } from '../../core/define';

export const DEFAULT_SYSTEM =
  'You answer questions using only the numbered context passages. Cite every passage you use with its marker, ' +
  'like [1] or [2][3]. If the passages do not contain the answer, say that the documents do not answer the question.';

export const DEFAULT_TEMPLATE = 'Context:\n{{context}}\n\nQuestion: {{question}}';

/** Names the template fills in itself; custom variables may not shadow them. */
export const BUILT_IN_VARIABLES = ['question', 'context'] as const;

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function templateVariables(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((m) => m[1]!);
}

export const promptTemplateConfig = z
  .object({
    system: z.string().max(20_000).default(DEFAULT_SYSTEM).describe('System message. May use the same {{variables}} as the template.'),
    template: z
      .string()
      .min(1)
      .max(20_000)
      .default(DEFAULT_TEMPLATE)
      .describe('User message. {{question}} is the query, {{context}} the numbered passages; add your own variables below.'),
    variables: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable names use letters, digits and "_"'), z.string().max(10_000))
      .default({})
      .describe('Custom variables for the template, e.g. {"audience": "clinicians"} fills {{audience}}.'),
    maxContextTokens: z
      .number()
      .int()
      .min(50)
      .max(1_000_000)
      .default(3000)
      .describe('Token budget for the passages (estimated at ~4 characters per token). Lowest-ranked passages are dropped first, then the last one kept is shortened.'),
    maxPassages: z.number().int().min(1).max(200).default(10).describe('At most this many passages, best-ranked first.'),
    useParentText: z
      .boolean()
      .default(false)
      .describe('Small-to-big: show the parent chunk text when the retriever returned one (duplicate parents are shown once).'),
    includeTitles: z.boolean().default(true).describe('Prefix each passage with its document title when known.'),
    historyMessages: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(6)
      .describe('Earlier turns of the conversation (the run input\'s history) put between the system message and the question, the latest kept; 0 leaves them out.'),
  })
  .superRefine((config, ctx) => {
    for (const name of Object.keys(config.variables)) {
      if ((BUILT_IN_VARIABLES as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['variables', name], message: `"${name}" is filled in by the node; pick another name` });
      }
    }
    const known = new Set([...BUILT_IN_VARIABLES, ...Object.keys(config.variables)]);
    for (const [field, text] of [['template', config.template], ['system', config.system]] as const) {
      for (const name of templateVariables(text)) {
        if (!known.has(name)) {
          ctx.addIssue({ code: 'custom', path: [field], message: `unknown variable {{${name}}}: define it under "variables" or use {{question}} / {{context}}` });
        }
      }
    }
    if (!templateVariables(config.template).includes('question') && !templateVariables(config.system).includes('question')) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'the template must contain {{question}}, or the model never sees the query' });
    }
  });
export type PromptTemplateConfig = z.infer<typeof promptTemplateConfig>;

export const promptTemplate = defineNode({
  type: 'prompt.template',
  typeVersion: 1,
  title: 'Prompt template',
  category: 'prompt',
  description:
    'Builds chat messages from the query and the retrieved passages: numbered passages [1], [2]… that answers cite, within a token budget.',
  inputs: {
    context: { kind: 'retrieved', label: 'Context', required: false, description: 'Passages, best first.' },
    query: { kind: 'query', label: 'Query' },
  },
  outputs: { prompt: { kind: 'prompt', label: 'Prompt' } },
  config: promptTemplateConfig,
  resources: { device: 'any' },
});

/** Replaces {{name}} with values[name]; names not in values stay as they are (validation rejects them). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(VARIABLE, (whole, name: string) => values[name] ?? whole);
}
