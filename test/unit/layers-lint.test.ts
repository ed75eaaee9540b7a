import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** DESIGN §3 as executable rules: each wrong import below must fail `npm run lint`, each right one pass. */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath });
  return (res?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    ['renderer/src/x.ts', "import { openRuntime } from '../../main/runtime';\nexport const y = openRuntime;\n"],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n"],
    ['shared/x.ts', "import { createHash } from 'node:crypto';\nexport const y = createHash;\n"],
    ['shared/x.ts', "import { consoleLogger } from '../main/log';\nexport const y = consoleLogger;\n"],
    ['preload/x.ts', "import { consoleLogger } from '../main/log';\nexport const y = consoleLogger;\n"],
    ['main/dashboard/x.ts', "import { app } from 'electron';\nexport const y = app;\n"],
    ['main/dashboard/x.ts', "import { verifyAudit } from '../audit/log';\nexport const y = verifyAudit;\n"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import { contract } from '../../shared/contract';\nexport const y = contract;\n"],
    ['main/dashboard/x.ts', "import { verifyAudit } from '../audit';\nexport const y = verifyAudit;\n"],
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const y = app;\n"],
  ])('allows %s: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
