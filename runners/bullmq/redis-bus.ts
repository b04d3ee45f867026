import type { Redis } from 'ioredis';
import { TERMINAL_STATUSES, type EventBus, type RunEvent } from '../events';
import { failFastConnection, queuePrefix } from './connection';

/** Run events and cancellations over Redis pub/sub, so the server hears what workers do. */
const cancelChannel = () => `${queuePrefix()}:cancel`;
const runChannel = (runId: string) => `${queuePrefix()}:run:${runId}`;
const stateKey = (runId: string) => `${queuePrefix()}:run-state:${runId}`;

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
      const json = JSON.stringify(event);
      const multi = publisher.multi().publish(runChannel(event.runId), json);
      // the latest event per node of a running run, for late subscribers; dropped when it ends
      if (event.type === 'node') multi.hset(stateKey(event.runId), event.nodeId, json).expire(stateKey(event.runId), 24 * 3600);
      else if (event.type === 'run' && TERMINAL_STATUSES.has(event.status)) multi.del(stateKey(event.runId));
      void multi.exec().catch(() => undefined);
    },
    async current(runId) {
      const entries = await publisher.hgetall(stateKey(runId)).catch(() => ({}) as Record<string, string>);
      return Object.values(entries).map((json) => JSON.parse(json) as RunEvent);
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
