import { afterEach } from 'vitest';

/**
 * For tests that open servers and set environment variables (proxies, CHROMIUM_PATH): after each
 * test, closes what it tracked and puts the named variables back as they were, so one test's proxy
 * cannot leak into the next.
 */
export function cleanUpAfterEachTest(variables: string[]): { track<T extends { close(): unknown }>(thing: T): T } {
  const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
  const opened: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const thing of opened.splice(0)) await thing.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return {
    track(thing) {
      opened.push(thing);
      return thing;
    },
  };
}
