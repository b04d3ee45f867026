import type { ModelHost } from '../nodes/core/context';

/** Keeps each model loaded once per process (warm), keyed by model and device. */
export function createModelHost(): ModelHost & { loaded(): string[]; disposeAll(): Promise<void> } {
  const models = new Map<string, { promise: Promise<unknown>; dispose?: (model: unknown) => unknown }>();
  return {
    get<T>(key: string, load: () => Promise<T>, options?: { dispose?: (model: T) => unknown }) {
      let entry = models.get(key);
      if (!entry) {
        const promise = load().catch((error: unknown) => {
          models.delete(key); // a failed load may succeed later (file fixed, server up)
          throw error;
        });
        entry = { promise, dispose: options?.dispose as ((model: unknown) => unknown) | undefined };
        models.set(key, entry);
      }
      return entry.promise as Promise<T>;
    },
    loaded: () => [...models.keys()],
    async disposeAll() {
      const entries = [...models.values()];
      models.clear();
      await Promise.all(entries.map(async (e) => e.dispose?.(await e.promise.catch(() => undefined))));
    },
  };
}
