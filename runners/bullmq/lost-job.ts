import type { Job, Queue, QueueEvents } from 'bullmq';
import { log } from '../../server/log';

/**
 * Adds a node job and waits for its result; if the queue loses the job (Redis restarted without
 * persistence), adds it again and waits for that one. Without this the wait would last until the
 * node's timeout and fail a run whose node never got the chance to finish.
 *
 * The job comes back under a new id (`…__requeued1`): a worker may still be running the lost one,
 * and BullMQ cannot tell two jobs of one id apart (the second one's lock is never renewed, and it
 * stalls until it fails). Whichever copy finishes first answers; the other's result is dropped.
 * A job the queue still knows, in any state, is left alone; a check that fails (Redis away) is tried
 * again at the next one.
 */
export async function addAndWait<T>(
  queue: Queue,
  events: QueueEvents,
  jobId: string,
  add: (id: string) => Promise<Job>,
  options: { ttlMs: number; checkEveryMs: number; cancelled: Promise<never> },
): Promise<T> {
  const deadline = Date.now() + options.ttlMs;
  for (let copy = 0; ; copy++) {
    const id = copy === 0 ? jobId : `${jobId}__requeued${copy}`;
    const added = await add(id);
    const finished = added.waitUntilFinished(events, Math.max(1, deadline - Date.now())).then((result: T) => ({ result }));
    finished.catch(() => undefined); // a lost copy's wait ends at its deadline, unheard
    const watch = watchForLoss(queue, id, options.checkEveryMs);
    try {
      const outcome = await Promise.race([finished, watch.lost, options.cancelled]);
      if (outcome !== LOST) return outcome.result;
      log.error(`[worker] node task ${id} was lost by the queue (did Redis restart without persistence?): queued it again`);
    } finally {
      watch.stop();
    }
  }
}

const LOST = Symbol('lost');

function watchForLoss(queue: Queue, id: string, everyMs: number): { lost: Promise<typeof LOST>; stop(): void } {
  let checking = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const lost = new Promise<typeof LOST>((resolve) => {
    timer = setInterval(() => {
      if (checking) return;
      checking = true;
      queue
        .getJobState(id)
        .then((state) => state === 'unknown' && resolve(LOST))
        .catch(() => undefined)
        .finally(() => (checking = false));
    }, everyMs);
    timer.unref();
  });
  return { lost, stop: () => clearInterval(timer) };
}
