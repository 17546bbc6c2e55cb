// The architecture rule in eslint.config.js fails on an upward or sideways import, and lets the
// downward ones through. Each case lints a small source text as if it were a file in the tree
// (ESLint's Node API, the project's own config), importing a real file of the target layer.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** A real (non-test) .ts file in `dir`, so the cases survive files being renamed. */
function someFile(dir: string): string {
  const name = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort()[0];
  if (!name) throw new Error(`no .ts file in ${dir}`);
  return path.join(dir, name);
}

/** Another widget folder than `not`, with a .ts file in it. */
function someWidget(not: string): string {
  const dirs = readdirSync(path.join(root, 'src/widgets'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared' && d.name !== not)
    .map((d) => `src/widgets/${d.name}`)
    .sort();
  for (const dir of dirs) {
    try {
      return someFile(dir);
    } catch {
      // an empty folder: try the next
    }
  }
  throw new Error('no widget folder');
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of `ruleId` when `from` (a path that need not exist) imports `to` (a real file). */
async function lintImport(from: string, to: string, ruleId = 'boundaries/dependencies'): Promise<string[]> {
  let spec = path.relative(path.dirname(from), to).split(path.sep).join('/');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  const code = `import * as target from '${spec}';\nexport const used = target;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, from) });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

describe('the arrows (eslint-plugin-boundaries in eslint.config.js)', () => {
  it('fails when lib imports upward (a widget, viz, tf)', async () => {
    for (const to of [someFile('src/widgets/shared'), someFile('src/viz'), someFile('src/tf')]) {
      const messages = await lintImport('src/lib/format/fixture.ts', to);
      expect(messages, to).toHaveLength(1);
      expect(messages[0]).toMatch(/^lib .* may not import/);
    }
  });

  it('fails when tf imports a worker or a widget, and on the sideways tf ↔ viz', async () => {
    for (const to of [someFile('src/workers'), someFile('src/widgets/shared'), someFile('src/viz')]) {
      expect(await lintImport('src/tf/fixture.ts', to), to).toHaveLength(1);
    }
    expect(await lintImport('src/viz/fixture.ts', someFile('src/tf'))).toHaveLength(1);
  });

  it('fails when a widget imports another widget folder, or a component', async () => {
    expect(await lintImport('src/widgets/quiz/fixture.ts', someWidget('quiz'))).toHaveLength(1);
    expect(await lintImport('src/widgets/shared/fixture.ts', someWidget('shared'))).toHaveLength(1);
    expect(await lintImport('src/workers/fixture.ts', someFile('src/widgets/shared'))).toHaveLength(1);
  });

  it('lets the downward imports and a widget’s own folder through', async () => {
    const lib = someFile('src/lib');
    expect(await lintImport('src/viz/fixture.ts', lib)).toEqual([]);
    expect(await lintImport('src/tf/fixture.ts', lib)).toEqual([]);
    expect(await lintImport('src/workers/fixture.ts', someFile('src/tf'))).toEqual([]);
    expect(await lintImport('src/widgets/quiz/fixture.ts', someFile('src/widgets/shared'))).toEqual([]);
    expect(await lintImport('src/widgets/quiz/fixture.ts', someFile('src/widgets/quiz'))).toEqual([]);
    expect(await lintImport('src/widgets/quiz/fixture.ts', someFile('src/workers'))).toEqual([]);
    expect(await lintImport('src/layouts/fixture.ts', someFile('src/widgets/shared'))).toEqual([]);
  });

  it('lets tests, scripts and e2e import anything', async () => {
    expect(await lintImport('src/lib/format/fixture.test.ts', someFile('src/widgets/shared'))).toEqual([]);
    expect(await lintImport('scripts/fixture.ts', someFile('src/widgets/shared'))).toEqual([]);
    expect(await lintImport('e2e/fixture.spec.ts', someFile('src/tf'))).toEqual([]);
  });

  it('reads the frontmatter of .astro files too', async () => {
    const code = `---\nimport Page from '../pages/index.astro';\n---\n<Page />\n`;
    const [result] = await eslint.lintText(code, { filePath: path.join(root, 'src/components/Fixture.astro') });
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['boundaries/dependencies']);
  });

  it('keeps the DOM out of lib', async () => {
    const [result] = await eslint.lintText('export const title = () => document.title;\n', {
      filePath: path.join(root, 'src/lib/format/fixture.ts'),
    });
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
  });
});
