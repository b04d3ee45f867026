import type { ModelHost } from '../nodes/core/context';

/** Loads begun so far and loads still in progress in one model host. */
export interface LoadActivity {
  started: number;
  inFlight: number;
}

export interface WarmModels extends ModelHost {
  loaded(): string[];
  loadActivity(): LoadActivity;
}

/** Keeps each model loaded once per process (warm), keyed by model and device. */
export function createModelHost(): WarmModels & { disposeAll(): Promise<void> } {
  const models = new Map<string, { promise: Promise<unknown>; dispose?: (model: unknown) => unknown }>();
  const activity: LoadActivity = { started: 0, inFlight: 0 };
  return {
    get<T>(key: string, load: () => Promise<T>, options?: { dispose?: (model: T) => unknown }) {
      let entry = models.get(key);
      if (!entry) {
        activity.started++;
        activity.inFlight++;
        const promise = load()
          .catch((error: unknown) => {
            models.delete(key); // a failed load may succeed later (file fixed, server up)
            throw error;
          })
          .finally(() => activity.inFlight--);
        entry = { promise, dispose: options?.dispose as ((model: unknown) => unknown) | undefined };
        models.set(key, entry);
      }
      return entry.promise as Promise<T>;
    },
    loaded: () => [...models.keys()],
    loadActivity: () => ({ ...activity }),
    async disposeAll() {
      const entries = [...models.values()];
      models.clear();
      await Promise.all(entries.map(async (e) => e.dispose?.(await e.promise.catch(() => undefined))));
    },
  };
}

/**
 * Runs `work` and tells whether a model of `models` was loading at some moment of it (one was in
 * progress when it began, or one began meanwhile): its time then is not the time of the work alone.
 */
export async function watchingLoads<T>(models: WarmModels, work: () => Promise<T>): Promise<{ value: T; coldStart: boolean }> {
  const before = models.loadActivity();
  const value = await work();
  return { value, coldStart: before.inFlight > 0 || models.loadActivity().started !== before.started };
}
