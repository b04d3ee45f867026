import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvCache } from './env';

const saved = { ...process.env };

describe('retention and capacity settings in the environment', () => {
  afterEach(() => {
    for (const name of ['RUN_RETENTION_DAYS', 'ARTIFACT_RETENTION_DAYS', 'DATABASE_POOL_SIZE', 'LEXICAL_CACHE_POSTINGS', 'ONNX_THREADS', 'ONNX_REPLICAS', 'ONNX_SPIN', 'WORKER_RECOVERY_MS', 'WORKER_ROLES']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetEnvCache();
  });

  const read = (vars: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
    return env();
  };

  it('keeps runs for good and their stored outputs for 30 days unless told otherwise', () => {
    expect(read({ RUN_RETENTION_DAYS: undefined, ARTIFACT_RETENTION_DAYS: undefined })).toMatchObject({ RUN_RETENTION_DAYS: null, ARTIFACT_RETENTION_DAYS: 30 });
    expect(read({ RUN_RETENTION_DAYS: '90', ARTIFACT_RETENTION_DAYS: 'never' })).toMatchObject({ RUN_RETENTION_DAYS: 90, ARTIFACT_RETENTION_DAYS: null });
    expect(read({ RUN_RETENTION_DAYS: '0.5' }).RUN_RETENTION_DAYS).toBe(0.5);
  });

  it('says what to write when a value is wrong', () => {
    expect(() => read({ RUN_RETENTION_DAYS: 'forever' })).toThrow(/RUN_RETENTION_DAYS: a number of days \(e\.g\. 30\) or "never"/);
    expect(() => read({ ARTIFACT_RETENTION_DAYS: '0' })).toThrow(/ARTIFACT_RETENTION_DAYS: must be more than 0 days/);
  });

  it('sizes the connection pool and the in-memory postings, and refuses what cannot be a size', () => {
    expect(read({ DATABASE_POOL_SIZE: undefined, LEXICAL_CACHE_POSTINGS: undefined })).toMatchObject({ DATABASE_POOL_SIZE: 10, LEXICAL_CACHE_POSTINGS: 4_000_000 });
    expect(read({ DATABASE_POOL_SIZE: '32', LEXICAL_CACHE_POSTINGS: '0' })).toMatchObject({ DATABASE_POOL_SIZE: 32, LEXICAL_CACHE_POSTINGS: 0 });
    expect(() => read({ DATABASE_POOL_SIZE: '2.5' })).toThrow(/DATABASE_POOL_SIZE: a whole number of connections/);
    expect(() => read({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => read({ LEXICAL_CACHE_POSTINGS: 'lots' })).toThrow(/LEXICAL_CACHE_POSTINGS/);
  });

  it('leaves threads per model call to the core count unless ONNX_THREADS names a whole number', () => {
    expect(read({ ONNX_THREADS: undefined }).ONNX_THREADS).toBeUndefined();
    expect(read({ ONNX_THREADS: '4' }).ONNX_THREADS).toBe(4);
    expect(() => read({ ONNX_THREADS: '1.5' })).toThrow(/ONNX_THREADS: a whole number of threads/);
    expect(() => read({ ONNX_THREADS: '0' })).toThrow(/ONNX_THREADS/);
  });

  it('keeps one copy of each ONNX model unless ONNX_REPLICAS names a whole number', () => {
    expect(read({ ONNX_REPLICAS: undefined }).ONNX_REPLICAS).toBeUndefined();
    expect(read({ ONNX_REPLICAS: '2' }).ONNX_REPLICAS).toBe(2);
    expect(() => read({ ONNX_REPLICAS: 'two' })).toThrow(/ONNX_REPLICAS/);
    expect(() => read({ ONNX_REPLICAS: '1.5' })).toThrow(/ONNX_REPLICAS: a whole number of copies/);
  });

  it('lets model threads sleep between calls unless ONNX_SPIN is 1', () => {
    expect(read({ ONNX_SPIN: undefined }).ONNX_SPIN).toBeUndefined();
    expect(read({ ONNX_SPIN: '1' }).ONNX_SPIN).toBe('1');
    expect(() => read({ ONNX_SPIN: 'yes' })).toThrow(/ONNX_SPIN: 1 \(threads spin-wait between calls\) or 0/);
  });

  it('looks for jobs a restarted Redis lost every 5 s unless WORKER_RECOVERY_MS says otherwise', () => {
    expect(read({ WORKER_RECOVERY_MS: undefined }).WORKER_RECOVERY_MS).toBe(5_000);
    expect(read({ WORKER_RECOVERY_MS: '1000' }).WORKER_RECOVERY_MS).toBe(1_000);
    expect(() => read({ WORKER_RECOVERY_MS: '2.5' })).toThrow(/WORKER_RECOVERY_MS: a whole number of milliseconds/);
    expect(() => read({ WORKER_RECOVERY_MS: '10' })).toThrow(/WORKER_RECOVERY_MS: at least 100 ms/);
  });

  it('reads WORKER_ROLES into roles (both by default), and names a wrong one once', () => {
    expect(read({ WORKER_ROLES: undefined }).WORKER_ROLES).toEqual(['orchestrator', 'executor']);
    expect(read({ WORKER_ROLES: 'executor' }).WORKER_ROLES).toEqual(['executor']);
    expect(() => read({ WORKER_ROLES: 'gpu' })).toThrow('invalid environment:\n  WORKER_ROLES: unknown role "gpu" (use orchestrator, executor or both, comma-separated)');
  });
});
