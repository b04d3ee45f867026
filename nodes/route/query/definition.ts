import { z } from 'zod';
import { defineNode } from '../../core/define';

export const ROUTE_PORTS = ['route1', 'route2', 'route3', 'route4'] as const;
export type RoutePort = (typeof ROUTE_PORTS)[number] | 'fallback';

/** Keywords written /like this/flags are regular expressions; the rest are words or phrases. */
export function parseRegexKeyword(keyword: string): RegExp | undefined {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(keyword.trim());
  if (!m) return undefined;
  return new RegExp(m[1]!, m[2]!.includes('i') ? m[2] : `${m[2]}i`);
}

const label = (n: number) =>
  z.string().max(100).default('').describe(`Name of route ${n} (shown in traces; in classifier mode, the classifier label it takes). Empty: route ${n} is unused.`);
const keywords = (n: number) =>
  z
    .array(z.string().min(1).max(500))
    .max(200)
    .default([])
    .describe(`Rules mode: words or phrases that send a question to route ${n} (case-insensitive, plural/singular alike); write /regex/ for a regular expression.`);
const examples = (n: number) =>
  z.array(z.string().min(1).max(2000)).max(200).default([]).describe(`Embedding mode: example questions for route ${n}.`);

// Flat on purpose: the editor renders top-level fields as a form (nested objects fall back to JSON).
export const routeQueryConfig = z
  .object({
    mode: z
      .enum(['rules', 'embedding', 'classifier'])
      .default('rules')
      .describe('How to choose: keyword/regex rules, similarity to example questions (GloVe), or an ONNX text classifier.'),
    route1Label: label(1),
    route1Keywords: keywords(1),
    route1Examples: examples(1),
    route2Label: label(2),
    route2Keywords: keywords(2),
    route2Examples: examples(2),
    route3Label: label(3),
    route3Keywords: keywords(3),
    route3Examples: examples(3),
    route4Label: label(4),
    route4Keywords: keywords(4),
    route4Examples: examples(4),
    // GloVe sentence vectors rate any two questions ~0.5-0.7 alike (shared question words); related
    // questions score 0.85+, so 0.8 separates them on the examples measured in route.test.ts
    minSimilarity: z
      .number()
      .min(-1)
      .max(1)
      .default(0.8)
      .describe('Embedding mode: below this cosine similarity to every example, the question takes the fallback.'),
    classifierModelDir: z.string().max(1000).default('').describe('Classifier mode: directory with model.onnx, tokenizer.json and labels (config.json id2label or labels.txt).'),
    classifierThreshold: z.number().min(0).max(1).default(0.5).describe('Classifier mode: below this probability for the top label, the question takes the fallback.'),
    classifierActivation: z.enum(['auto', 'softmax', 'sigmoid']).default('auto').describe('Classifier mode: how logits become probabilities.'),
    classifierMaxLength: z.number().int().min(8).max(8192).default(128).describe('Classifier mode: tokens read at most.'),
  })
  .superRefine((config, ctx) => {
    const labels = new Map<string, number>();
    ROUTE_PORTS.forEach((_, i) => {
      const n = i + 1;
      const name = config[`route${n}Label` as 'route1Label'].trim();
      const words = config[`route${n}Keywords` as 'route1Keywords'];
      const samples = config[`route${n}Examples` as 'route1Examples'];
      words.forEach((keyword, k) => {
        try {
          parseRegexKeyword(keyword);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: [`route${n}Keywords`, k], message: `invalid regular expression ${keyword}: ${(error as Error).message}` });
        }
      });
      if (!name) return;
      if (labels.has(name)) ctx.addIssue({ code: 'custom', path: [`route${n}Label`], message: `route ${labels.get(name)} already uses the label "${name}"` });
      labels.set(name, n);
      if (config.mode === 'rules' && words.length === 0) {
        ctx.addIssue({ code: 'custom', path: [`route${n}Keywords`], message: `rules mode: give route ${n} ("${name}") at least one keyword` });
      }
      if (config.mode === 'embedding' && samples.length === 0) {
        ctx.addIssue({ code: 'custom', path: [`route${n}Examples`], message: `embedding mode: give route ${n} ("${name}") at least one example question` });
      }
    });
    if (config.mode === 'classifier' && !config.classifierModelDir.trim()) {
      ctx.addIssue({ code: 'custom', path: ['classifierModelDir'], message: 'classifier mode needs the model directory' });
    }
  });
export type RouteQueryConfig = z.infer<typeof routeQueryConfig>;

const routeOutput = (n: number) => ({ kind: 'query' as const, label: `Route ${n}` });

export const routeQuery = defineNode({
  type: 'route.query',
  typeVersion: 1,
  title: 'Query router',
  category: 'route',
  description:
    'Sends each question down exactly one of four routes, or the fallback: by keyword/regex rules, by similarity to example questions, or by an ONNX intent classifier. Nodes hanging off the routes not taken are skipped.',
  inputs: { query: { kind: 'query', label: 'Query' } },
  outputs: {
    route1: routeOutput(1),
    route2: routeOutput(2),
    route3: routeOutput(3),
    route4: routeOutput(4),
    fallback: { kind: 'query', label: 'Fallback', description: 'Questions no route claims.' },
  },
  config: routeQueryConfig,
  // rules are light and run where the node lands; the model modes batch concurrent questions on
  // the model's thread (the classifier's, or GloVe's for the examples)
  resources: { device: 'cpu', memoryMB: 500, ownThread: true },
  batch: { maxBatchSize: 32, maxLatencyMs: 5 },
});
