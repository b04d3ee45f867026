import type { Redis } from 'ioredis';
import type { EventBus, RunEvent } from '../events';
import { failFastConnection, queuePrefix } from './connection';

/** Run events and cancellations over Redis pub/sub, so the server hears what workers do. */
const cancelChannel = () => `${queuePrefix()}:cancel`;
const runChannel = (runId: string) => `${queuePrefix()}:run:${runId}`;

export function createRedisBus(url: string): EventBus {
  const publisher: Redis = failFastConnection(url, { enableOfflineQueue: true });
  const subscriber: Redis = failFastConnection(url, { enableOfflineQueue: true, maxRetriesPerRequest: null });
  const listeners = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of listeners.get(channel) ?? []) listener(message);
  });
  const listen = (channel: string, listener: (message: string) => void) => {
    let set = listeners.get(channel);
    if (!set) {
      set = new Set();
      listeners.set(channel, set);
      void subscriber.subscribe(channel).catch(() => undefined);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        listeners.delete(channel);
        void subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  };
  return {
    publish(event) {
      void publisher.publish(runChannel(event.runId), JSON.stringify(event)).catch(() => undefined);
    },
    subscribe: (runId, listener) => listen(runChannel(runId), (message) => listener(JSON.parse(message) as RunEvent)),
    publishCancel(runId) {
      void publisher.publish(cancelChannel(), runId).catch(() => undefined);
    },
    onCancel: (listener) => listen(cancelChannel(), listener),
    async close() {
      listeners.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
