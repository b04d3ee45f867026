import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A writer whose writes stay in flight until released, recording each batch it was given. */
function gatedWriter(fail: (items: string[]) => boolean = () => false) {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const write = (items: string[]) => {
    batches.push(items);
    return new Promise<void>((resolve, reject) => gates.push(() => (fail(items) ? reject(new Error(`bad batch ${items.join(',')}`)) : resolve())));
  };
  const releaseAll = async () => {
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { batches, write, releaseAll };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, and everything submitted during a write together in the next', async () => {
    const writer = gatedWriter();
    const commit = new GroupCommit(writer.write);
    const first = commit.submit('a');
    await new Promise((r) => setTimeout(r, 0));
    expect(writer.batches).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((item) => commit.submit(item));
    await new Promise((r) => setTimeout(r, 0));
    expect(writer.batches).toHaveLength(1); // b, c and d wait for a's write
    await writer.releaseAll();
    await Promise.all([first, ...rest]);
    expect(writer.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it("settles each caller with its own write's outcome", async () => {
    const writer = gatedWriter((items) => items.includes('bad'));
    const commit = new GroupCommit(writer.write);
    const first = commit.submit('bad');
    await new Promise((r) => setTimeout(r, 0));
    const second = commit.submit('good');
    const outcomes = Promise.allSettled([first, second]); // observed before the writes settle
    await writer.releaseAll();
    const [bad, good] = await outcomes;
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('bad batch bad') });
    expect(good.status).toBe('fulfilled');
  });

  it('with isolateFailures, writes a failed batch again one item at a time so only the bad item fails', async () => {
    const writer = gatedWriter((items) => items.includes('bad'));
    const commit = new GroupCommit(writer.write, { isolateFailures: true });
    const blocker = commit.submit('first');
    await new Promise((r) => setTimeout(r, 0));
    const settled = Promise.allSettled(['x', 'bad', 'y'].map((item) => commit.submit(item)));
    await writer.releaseAll();
    await blocker;
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writer.batches).toEqual([['first'], ['x', 'bad', 'y'], ['x'], ['bad'], ['y']]);
  });

  it('flush writes buffered work the writer carries even with no item pending, and nothing when there is none', async () => {
    let buffered = 0;
    const writes: number[] = [];
    const commit = new GroupCommit<string>(
      async (items) => {
        writes.push(items.length + buffered);
        buffered = 0;
      },
      { hasOtherWork: () => buffered > 0 },
    );
    await commit.flush();
    expect(writes).toEqual([]);
    buffered = 3;
    await commit.flush();
    expect(writes).toEqual([3]);
  });
});
