import type { NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import { GLOVE_MODEL_ID, loadGloveModel, type GloveModel } from '../../embed/glove/glove-model';
import type { ClassifyOne } from '../../guard/shared/shared-classifier';
import { stemWord as stem } from '../../search/analyzer';
import { parseRegexKeyword, ROUTE_PORTS, type RoutePort, type RouteQueryConfig } from './definition';

export interface RouteDecision {
  port: RoutePort;
  label: string;
  /** rules: keywords matched; embedding: best cosine similarity; classifier: probability */
  score: number;
}

interface Route {
  port: (typeof ROUTE_PORTS)[number];
  label: string;
  keywords: string[];
  examples: string[];
}

export function configuredRoutes(config: RouteQueryConfig): Route[] {
  return ROUTE_PORTS.map((port, i) => {
    const n = (i + 1) as 1 | 2 | 3 | 4;
    return {
      port,
      label: config[`route${n}Label`].trim(),
      keywords: config[`route${n}Keywords`],
      examples: config[`route${n}Examples`],
    };
  }).filter((r) => r.label !== '');
}

const FALLBACK = (score = 0): RouteDecision => ({ port: 'fallback', label: 'fallback', score });

/** `classify` runs the ONNX classifier (classifier mode), alone or merged with a batch's other questions. */
export async function chooseRoute(ctx: NodeContext, text: string, config: RouteQueryConfig, classify: ClassifyOne): Promise<RouteDecision> {
  const routes = configuredRoutes(config);
  if (routes.length === 0) return FALLBACK();
  if (config.mode === 'rules') return byRules(text, routes);
  if (config.mode === 'embedding') return byEmbedding(ctx, text, routes, config.minSimilarity);
  return byClassifier(text, routes, config, classify);
}

/** The route matching the most distinct keywords wins; ties go to the earlier route. */
export function byRules(text: string, routes: Route[]): RouteDecision {
  const tokens = stemmedTokens(text);
  let best: RouteDecision = FALLBACK();
  for (const route of routes) {
    const hits = route.keywords.filter((k) => keywordMatches(k, text, tokens)).length;
    if (hits > best.score) best = { port: route.port, label: route.label, score: hits };
  }
  return best;
}

function keywordMatches(keyword: string, text: string, tokens: string[]): boolean {
  let regex: RegExp | undefined;
  try {
    regex = parseRegexKeyword(keyword);
  } catch (error) {
    // validation rejects these; this guards executors handed a config that skipped it
    throw new NodeError('INVALID_CONFIG', `invalid regular expression ${keyword}: ${(error as Error).message}`);
  }
  if (regex) return regex.test(text);
  const phrase = stemmedTokens(keyword);
  if (phrase.length === 0) return false;
  // a phrase matches as consecutive stemmed words, so "side effect" finds "side effects"
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

function stemmedTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stem);
}

/**
 * The batcher's key of embedding mode: its own, not the GloVe embedder's (a batcher runs one node
 * type's batches), so the router gets a model thread of its own where GloVe loads.
 */
export const ROUTE_EXAMPLES_MODEL_KEY = `route.query:${GLOVE_MODEL_ID}`;

/** Nearest labelled example by cosine similarity of GloVe SIF sentence vectors. */
async function byEmbedding(ctx: NodeContext, text: string, routes: Route[], minSimilarity: number): Promise<RouteDecision> {
  const glove = await loadGloveModel(ctx.models);
  const examples = routes.flatMap((r) => r.examples.map((e) => ({ route: r, text: e })));
  const vectors = exampleVectors(glove, examples.map((e) => e.text));
  const [query] = glove.embed([text]);
  let best: RouteDecision = FALLBACK(-1);
  examples.forEach((example, i) => {
    const similarity = dot(query!, vectors[i]!);
    if (similarity > best.score) best = { port: example.route.port, label: example.route.label, score: similarity };
  });
  return best.score >= minSimilarity && best.port !== 'fallback' ? best : FALLBACK(best.score);
}

/** Example vectors of the configs seen lately, per model: every question of a graph asks for the same ones. */
const examplesSeen = new WeakMap<GloveModel, Map<string, Float32Array[]>>();
const EXAMPLE_SETS_KEPT = 32;

export function exampleVectors(glove: GloveModel, texts: readonly string[]): Float32Array[] {
  let seen = examplesSeen.get(glove);
  if (!seen) examplesSeen.set(glove, (seen = new Map()));
  const key = JSON.stringify(texts);
  let vectors = seen.get(key);
  if (!vectors) {
    vectors = glove.embed(texts);
    // the oldest set goes first (a Map iterates in insertion order)
    if (seen.size >= EXAMPLE_SETS_KEPT) seen.delete(seen.keys().next().value!);
    seen.set(key, vectors);
  }
  return vectors;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The classifier's top label, when a route carries that label and the probability clears the bar. */
async function byClassifier(text: string, routes: Route[], config: RouteQueryConfig, classify: ClassifyOne): Promise<RouteDecision> {
  const result = await classify(text, {
    modelDir: config.classifierModelDir,
    maxLength: config.classifierMaxLength,
    activation: config.classifierActivation,
  });
  const route = routes.find((r) => r.label === result.top.label);
  if (!route || result.top.probability < config.classifierThreshold) return FALLBACK(result.top.probability);
  return { port: route.port, label: route.label, score: result.top.probability };
}
