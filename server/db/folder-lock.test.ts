import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockFolder } from './folder-lock';

describe('lockFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder held by another live process, naming it', () => {
    writeFileSync(join(dir, 'ragraph.lock'), String(process.ppid));
    expect(() => lockFolder(dir)).toThrow(`process ${process.ppid} has it open`);
  });

  it('takes over a lock left by a dead process and releases it', () => {
    writeFileSync(join(dir, 'ragraph.lock'), '2147483646');
    const unlock = lockFolder(dir);
    expect(readFileSync(join(dir, 'ragraph.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    expect(existsSync(join(dir, 'ragraph.lock'))).toBe(false);
  });
});
