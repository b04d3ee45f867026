import type { NodeContext } from '../../core/context';
import { onnxModelKey } from '../../models/onnx-text-model';
import { classifyTexts, type Classification, type ClassifierOptions } from './text-classifier';

/** Classifies one text: what a guardrail's or router's rules call, alone or within a batch. */
export type ClassifyOne = (text: string, options: ClassifierOptions) => Promise<Classification>;

/** The batcher's key for an ONNX classifier: its model file (the device is the placement's). */
export function classifierModelKey(modelDir: string): string | undefined {
  return modelDir.trim() ? onnxModelKey({ modelDir, modelFile: 'model.onnx', device: 'any' }) : undefined;
}

/** A text on its own: one model call. */
export function classifyAlone(ctx: NodeContext): ClassifyOne {
  return async (text, options) => (await classifyTexts(ctx, [text], options))[0]!;
}

/**
 * A batch of guardrail or router items, each running its rules with `work`, whose classifier calls
 * become one model call (per classifier setting) instead of one each: a call waits until every item
 * has either asked or finished without asking (one an earlier rule blocked, say), then all asked
 * texts go together. An item asks at most once; should one ask again, that call runs alone.
 */
export async function withSharedClassifier<T, R>(items: readonly T[], ctxOf: (item: T) => NodeContext, work: (item: T, classify: ClassifyOne) => Promise<R>): Promise<R[]> {
  let waiting = items.length;
  const asked: { ctx: NodeContext; text: string; options: ClassifierOptions; resolve: (c: Classification) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    if (waiting > 0 || asked.length === 0) return;
    const groups = new Map<string, typeof asked>();
    for (const call of asked.splice(0)) {
      const key = JSON.stringify([call.options.modelDir, call.options.maxLength, call.options.activation]);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(call);
    }
    for (const group of groups.values()) {
      classifyTexts(group[0]!.ctx, group.map((call) => call.text), group[0]!.options).then(
        (results) => group.forEach((call, i) => call.resolve(results[i]!)),
        (error: unknown) => group.forEach((call) => call.reject(error)),
      );
    }
  };
  return Promise.all(
    items.map(async (item) => {
      const ctx = ctxOf(item);
      let gone = false;
      const leave = () => {
        if (gone) return;
        gone = true;
        waiting--;
        flush();
      };
      const classify: ClassifyOne = (text, options) => {
        if (gone) return classifyAlone(ctx)(text, options);
        const answer = new Promise<Classification>((resolve, reject) => asked.push({ ctx, text, options, resolve, reject }));
        leave();
        return answer;
      };
      try {
        return await work(item, classify);
      } finally {
        leave();
      }
    }),
  );
}
