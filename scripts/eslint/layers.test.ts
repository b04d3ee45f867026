import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layers/imports', () => {
  it.each([
    ['nodes/core/x.ts', "import { env } from '../../server/env';\nexport const a = env;", /client-safe contract/],
    ['nodes/core/x.ts', "import pg from 'pg';\nexport const a = pg;", /only zod/],
    ['nodes/embed/x/definition.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /definitions are client-safe/],
    ['nodes/embed/x/definition.ts', "import { e } from './execute';\nexport const a = e;", /definitions are client-safe/],
    ['nodes/embed/x/execute.ts', "import { openDb } from '../../../server/db/client';\nexport const a = openDb;", /nodes may import only nodes/],
    ['runners/x.ts', "import { appRouter } from '../server/routers/_app';\nexport const a = appRouter;", /runners may import/],
    ['server/x.ts', "import { a } from '../app/lib/format';\nexport const b = a;", /nothing imports app/],
    ["app/x.tsx", "'use client';\nimport { openDb } from '../server/db/client';\nexport const a = openDb;", /client components/],
  ])('refuses %s importing across the layering', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['nodes/core/x.ts', "import { z } from 'zod';\nimport { canConnect } from './ports';\nexport const a = [z, canConnect];"],
    ['nodes/embed/x/execute.ts', "import { NodeError } from '../../core/errors';\nimport { readFileSync } from 'node:fs';\nexport const a = [NodeError, readFileSync];"],
    ['runners/x.ts', "import { openDb } from '../server/db/client';\nexport const a = openDb;"],
    ["app/x.tsx", "'use client';\nimport type { AppRouter } from '../server/routers/_app';\nimport { catalog } from '../nodes/catalog';\nexport const a: AppRouter | null = null;\nexport const b = catalog;"],
  ])('allows %s its own imports', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
