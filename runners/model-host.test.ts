import { describe, expect, it } from 'vitest';
import { createModelHost, watchingLoads } from './model-host';

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createModelHost', () => {
  it('loads a model once and counts the loads it began and those in progress', async () => {
    const models = createModelHost();
    let loads = 0;
    const load = async () => {
      loads++;
      await after(20);
      return { name: 'model' };
    };
    const first = models.get('m', load);
    const second = models.get('m', load);
    expect(models.loadActivity()).toEqual({ started: 1, inFlight: 1 });
    expect(await first).toBe(await second);
    expect(loads).toBe(1);
    expect(models.loadActivity()).toEqual({ started: 1, inFlight: 0 });
  });

  it('forgets a failed load, so a later call tries again', async () => {
    const models = createModelHost();
    await expect(models.get('m', () => Promise.reject(new Error('no file')))).rejects.toThrow('no file');
    expect(models.loadActivity()).toEqual({ started: 1, inFlight: 0 });
    expect(await models.get('m', async () => 'loaded')).toBe('loaded');
    expect(models.loadActivity().started).toBe(2);
  });
});

describe('watchingLoads', () => {
  it('calls work cold when it loads a model or waits on a load in progress, warm otherwise', async () => {
    const models = createModelHost();
    const load = async () => (await after(20), 'model');
    const use = () => models.get('m', load);
    const [loader, waiter] = await Promise.all([watchingLoads(models, use), after(5).then(() => watchingLoads(models, use))]);
    expect(loader).toEqual({ value: 'model', coldStart: true });
    expect(waiter).toEqual({ value: 'model', coldStart: true });
    expect(await watchingLoads(models, use)).toEqual({ value: 'model', coldStart: false });
  });

  it('calls work that uses no model warm', async () => {
    const models = createModelHost();
    expect(await watchingLoads(models, async () => 1)).toEqual({ value: 1, coldStart: false });
  });
});
