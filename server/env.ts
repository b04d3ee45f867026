import { resolve } from 'node:path';
import { z } from 'zod';
import { parseWorkerRoles } from '../runners/devices';

/** A number of days (fractions allowed) or 'never'; null stands for never. */
function retentionDays(name: string) {
  return z
    .string()
    .regex(/^(never|\d+(\.\d+)?)$/, `${name}: a number of days (e.g. 30) or "never"`)
    .transform((value) => (value === 'never' ? null : Number(value)))
    .refine((days) => days === null || days > 0, `${name}: must be more than 0 days (or "never")`);
}

/** Every environment variable the product reads, validated once. README.md documents each. */
const schema = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  /** connections each process keeps to DATABASE_URL */
  DATABASE_POOL_SIZE: z.coerce.number().int('DATABASE_POOL_SIZE: a whole number of connections').min(1).max(1000).default(10),
  REDIS_URL: z.string().url('REDIS_URL must be a redis:// URL').optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** password of the editor (pages, /api/trpc, uploads); unset = open, for 127.0.0.1 */
  EDITOR_PASSWORD: z.string().min(8, 'EDITOR_PASSWORD must be at least 8 characters').optional(),
  EDITOR_USER: z.string().min(1).regex(/^[^:]+$/, 'EDITOR_USER cannot contain ":"').default('admin'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  WORKER_DEVICES: z.string().default('cpu'),
  /** what `npm run worker` does: orchestrator, executor or both (runners/devices.ts parseWorkerRoles) */
  WORKER_ROLES: z
    .string()
    .default('orchestrator,executor')
    .transform((value, ctx) => {
      try {
        return parseWorkerRoles(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** how often a worker looks for node tasks and runs a Redis that restarted empty has lost */
  WORKER_RECOVERY_MS: z.coerce
    .number()
    .int('WORKER_RECOVERY_MS: a whole number of milliseconds')
    .min(100, 'WORKER_RECOVERY_MS: at least 100 ms (each check reads the database and Redis)')
    .max(600_000, 'WORKER_RECOVERY_MS: at most 600000 (10 minutes)')
    .default(5_000),
  /** Seed the example graphs into an empty database, and the sample documents into "docs" (default on). */
  SEED_EXAMPLES: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** field names the traces and the editor's run views hide, and "pii" for personal data (read by runners/redact.ts) */
  TRACE_REDACT: z
    .string()
    .regex(/^\s*[\w.-]+(\s*,\s*[\w.-]+)*\s*$/, 'TRACE_REDACT: comma-separated field names, and "pii" to hide personal data, e.g. pii,customerId')
    .optional(),
  /** converted model files (the GloVe vector cache); read directly by the model loaders */
  RAG_CACHE_DIR: z.string().optional(),
  /** postings of BM25 terms each process holds in memory (read by nodes/retrieve/pgvector/posting-cache.ts); 0 scores every query in SQL */
  LEXICAL_CACHE_POSTINGS: z.coerce.number().int('LEXICAL_CACHE_POSTINGS: a whole number of postings').min(0).default(4_000_000),
  /** threads one ONNX model call uses (read by nodes/models/onnx-session.ts); default every core */
  ONNX_THREADS: z.coerce.number().int('ONNX_THREADS: a whole number of threads').min(1).max(1024).optional(),
  /** copies of each ONNX model on a CPU worker, each on its own thread (read by nodes/models/onnx-session.ts and runners/node-host.ts) */
  ONNX_REPLICAS: z.coerce.number().int('ONNX_REPLICAS: a whole number of copies').min(1).max(64).optional(),
  /** 1 lets ONNX models' threads spin-wait for the next call (read by nodes/models/onnx-session.ts); default off */
  ONNX_SPIN: z.enum(['0', '1'], { message: 'ONNX_SPIN: 1 (threads spin-wait between calls) or 0 (they sleep; the default)' }).optional(),
  /** Redis key prefix of the queues (read by runners/bullmq) */
  RAG_QUEUE_PREFIX: z.string().regex(/^[\w-]+$/, 'RAG_QUEUE_PREFIX: letters, digits, _ and - only').optional(),
  START_WORKER: z.enum(['0', '1']).optional(),
  /** days a finished run stays in the history ('never' = for good) */
  RUN_RETENTION_DAYS: retentionDays('RUN_RETENTION_DAYS').default(null),
  /** days a finished run keeps its full node outputs (its trace and previews stay) */
  ARTIFACT_RETENTION_DAYS: retentionDays('ARTIFACT_RETENTION_DAYS').default(30),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    // messages that already name their variable keep it once
    const lines = parsed.error.issues.map((i) => `  ${i.message.startsWith(`${i.path.join('.')}`) ? i.message : `${i.path.join('.')}: ${i.message}`}`).join('\n');
    throw new Error(`invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

export function dataDir(): string {
  return resolve(env().DATA_DIR);
}

/** Tests change the environment between suites. */
export function resetEnvCache(): void {
  cached = undefined;
}
