import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import { notFound, ServiceError } from './errors';

/**
 * API keys for the public API. A key reads `rgk_<8 chars>_<40 chars>`: the first part is its prefix,
 * stored and listed in the clear (and recorded on every run it starts); the whole key is shown once at
 * creation and only its sha256 is stored. Scopes are endpoint ids, or "*" for every endpoint.
 */
export const KEY_PREFIX = 'rgk_';
export const ALL_ENDPOINTS = '*';
const KEY_PATTERN = /^(rgk_[A-Za-z0-9]{8})_[A-Za-z0-9]{40}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface AuthenticatedKey {
  id: string;
  prefix: string;
  name: string;
  scopes: string[];
  rateLimitPerMinute: number;
}

export interface CreateKeyInput {
  name: string;
  /** endpoint ids, or ["*"] */
  scopes: string[];
  rateLimitPerMinute?: number;
}

export async function createApiKey(db: Db, input: CreateKeyInput) {
  const scopes = await checkScopes(db, input.scopes);
  const prefix = `${KEY_PREFIX}${randomString(8)}`;
  const secret = `${prefix}_${randomString(40)}`;
  const row = await db.prisma.apiKey.create({
    data: { name: input.name, prefix, hash: sha256(secret), scopes, rateLimitPerMinute: input.rateLimitPerMinute ?? 600 },
  });
  return { ...(await describe(db, [row]))[0]!, secret };
}

export async function listApiKeys(db: Db) {
  const rows = await db.prisma.apiKey.findMany({ orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }] });
  return describe(db, rows);
}

export async function updateApiKey(db: Db, input: { id: string; name?: string; scopes?: string[]; rateLimitPerMinute?: number }) {
  const current = await keyRow(db, input.id);
  if (current.revokedAt) throw new ServiceError('CONFLICT', `API key ${current.prefix} is revoked: create a new key instead`);
  const scopes = input.scopes === undefined ? undefined : await checkScopes(db, input.scopes);
  const row = await db.prisma.apiKey.update({ where: { id: input.id }, data: { name: input.name, scopes, rateLimitPerMinute: input.rateLimitPerMinute } });
  forgetKey(db, row.hash);
  return (await describe(db, [row]))[0]!;
}

/** Revoked keys answer 401 at once in this process (other processes within KEY_CACHE_MS). */
export async function revokeApiKey(db: Db, id: string) {
  const current = await keyRow(db, id);
  const row = current.revokedAt ? current : await db.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  forgetKey(db, row.hash);
  return (await describe(db, [row]))[0]!;
}

/** The key behind an `Authorization: Bearer …` header, or a 401 saying what is wrong. */
export async function authenticate(db: Db, authorization: string | null): Promise<AuthenticatedKey> {
  if (!authorization?.trim()) {
    throw new ServiceError('UNAUTHORIZED', 'this API needs an API key: send it as "Authorization: Bearer rgk_…" (create one on the Endpoints page)');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) throw new ServiceError('UNAUTHORIZED', 'the Authorization header must read "Bearer <API key>"');
  const secret = match[1]!;
  const parts = KEY_PATTERN.exec(secret);
  if (!parts) throw new ServiceError('UNAUTHORIZED', `that is not a ragraph API key (they look like ${KEY_PREFIX}XXXXXXXX_… with 40 more characters): check for a truncated copy`);
  const hash = sha256(secret);
  const cache = cacheOf(db);
  const hit = cache.get(hash);
  if (hit && hit.expires > Date.now()) return hit.key;

  const row = await db.prisma.apiKey.findUnique({ where: { prefix: parts[1]! } });
  if (!row) throw new ServiceError('UNAUTHORIZED', `unknown API key ${parts[1]}: it was never issued here, or was mistyped`);
  // the prefix is no secret (the Endpoints page lists it): saying it matched points at the rest of the key
  if (!safeEqual(row.hash, hash)) {
    throw new ServiceError('UNAUTHORIZED', `API key ${row.prefix} exists, but the rest of the key does not match: it was mistyped or cut short (the whole key is shown once, when it is created; create a new one if it is lost)`);
  }
  if (row.revokedAt) throw new ServiceError('UNAUTHORIZED', `API key ${row.prefix} was revoked on ${row.revokedAt.toISOString()}: create a new key`);
  const key: AuthenticatedKey = { id: row.id, prefix: row.prefix, name: row.name, scopes: row.scopes, rateLimitPerMinute: row.rateLimitPerMinute };
  cache.set(hash, { key, expires: Date.now() + KEY_CACHE_MS });
  touch(db, row.id);
  return key;
}

/** 403 unless the key may call this endpoint. */
export function authorize(key: AuthenticatedKey, endpoint: { id: string; slug: string }): void {
  if (mayCall(key, endpoint.id)) return;
  throw new ServiceError(
    'FORBIDDEN',
    `API key ${key.prefix} ("${key.name}") is not allowed to call endpoint "${endpoint.slug}": add the endpoint to the key's scopes, or use a key that has it`,
  );
}

export function mayCall(key: Pick<AuthenticatedKey, 'scopes'>, endpointId: string): boolean {
  return coversAllEndpoints(key) || key.scopes.includes(endpointId);
}

/** A key for every endpoint, present and future: what shared resources (datasets) ask for. */
export function coversAllEndpoints(key: Pick<AuthenticatedKey, 'scopes'>): boolean {
  return key.scopes.includes(ALL_ENDPOINTS);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ---------------------------------------------------------------------------------------------------

/** How long a verified key is trusted without reading its row again. */
const KEY_CACHE_MS = 5000;
const caches = new WeakMap<Db, Map<string, { key: AuthenticatedKey; expires: number }>>();
function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  if (cache.size > 10_000) cache.clear();
  return cache;
}
function forgetKey(db: Db, hash: string) {
  caches.get(db)?.delete(hash);
}

/** last_used_at is written at most once a minute per key: it is a hint, not a log (runs are the log). */
const touched = new Map<string, number>();
function touch(db: Db, id: string) {
  const now = Date.now();
  if ((touched.get(id) ?? 0) > now - 60_000) return;
  touched.set(id, now);
  db.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
}

async function keyRow(db: Db, id: string) {
  const row = await db.prisma.apiKey.findUnique({ where: { id } });
  if (!row) throw notFound('API key', id);
  return row;
}

async function checkScopes(db: Db, scopes: string[]): Promise<string[]> {
  const unique = [...new Set(scopes)];
  if (unique.length === 0) throw new ServiceError('BAD_REQUEST', 'scopes: name the endpoints this key may call, or "*" for all of them');
  if (unique.includes(ALL_ENDPOINTS)) {
    if (unique.length > 1) throw new ServiceError('BAD_REQUEST', 'scopes: "*" already covers every endpoint; list it alone');
    return unique;
  }
  const found = await db.prisma.endpoint.findMany({ where: { id: { in: unique } }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ServiceError('NOT_FOUND', `scopes: endpoint "${missing[0]}" does not exist`);
  return unique;
}

type KeyRow = Awaited<ReturnType<typeof keyRow>>;

/** Rows as listed: never the hash; scopes with their endpoint slugs. */
async function describe(db: Db, rows: KeyRow[]) {
  const ids = [...new Set(rows.flatMap((r) => r.scopes).filter((s) => s !== ALL_ENDPOINTS))];
  const endpoints = ids.length ? await db.prisma.endpoint.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }) : [];
  const slugs = new Map(endpoints.map((e) => [e.id, e.slug]));
  return rows.map(({ hash: _hash, ...row }) => ({
    ...row,
    allEndpoints: row.scopes.includes(ALL_ENDPOINTS),
    endpoints: row.scopes.filter((s) => s !== ALL_ENDPOINTS).map((id) => ({ id, slug: slugs.get(id) ?? null })),
  }));
}

function randomString(length: number): string {
  // rejection sampling keeps every character equally likely (256 is not a multiple of 62)
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
