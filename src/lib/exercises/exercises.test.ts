/**
 * Every exercise folder in content/exercises/: exercise.yaml passes the schema, the files are
 * there, the code compiles, the hints render (maths included), and for every `function` and
 * `custom` exercise the solution passes its grader and the starter fails it (run here in Node).
 * Model and agent exercises, and the custom ones in BROWSER_ONLY, are run end to end in the browser (e2e/code-cell.spec.ts).
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { gradeCustom } from '../grading/custom-grader.ts';
import { gradeFunction } from '../grading/function-grader.ts';
import { buildExerciseData, exerciseSchema } from './schema.ts';
import type { ExerciseData } from './types.ts';

const ROOT = join(import.meta.dirname, '../../../content/exercises');
const ids = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** Custom exercises whose code needs tfjs and a dataset (and whose judge, the page's labels): run end to end in the browser instead. */
const BROWSER_ONLY = new Set(['unsupervised-classifier', 'fgsm']);

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

/** The reader's API, as the code worker provides it, reduced to recorders (no tfjs, no data). */
const API = ['print', 'plot', 'show', 'progress', 'console'] as const;
function stubs(): unknown[] {
  const sink = () => {};
  return [sink, { line: sink, scatter: sink }, { images: sink, table: sink }, sink, { log: sink, info: sink, warn: sink, error: sink }];
}

function loadFolder(id: string): { data: ExerciseData; hintsMarkdown: string[] } {
  const dir = join(ROOT, id);
  const config = exerciseSchema.parse(parseYaml(readFileSync(join(dir, 'exercise.yaml'), 'utf8')));
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (name.endsWith('.js')) files[name] = readFileSync(join(dir, name), 'utf8');
  return { data: buildExerciseData(id, config, files, config.hints), hintsMarkdown: config.hints };
}

/** Runs the code the simple way and returns the named top-level function(s). */
async function exportsOf(code: string, names: string[]): Promise<Record<string, unknown>> {
  const body = `${code}\nreturn { ${names.join(', ')} };`;
  return (await new AsyncFunction(...API, body)(...stubs())) as Record<string, unknown>;
}

describe('content/exercises', () => {
  it('has the exercises of "Start here"', () => {
    expect(ids).toEqual(expect.arrayContaining(['sigmoid', 'mnist-90']));
  });

  const markdown = createMarkdownProcessor({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { throwOnError: true }]] });

  describe.each(ids)('%s', (id) => {
    it('has exercise.yaml, starter.js and solution.js that the schema accepts', () => {
      for (const file of ['exercise.yaml', 'starter.js', 'solution.js']) expect(existsSync(join(ROOT, id, file)), `${id}/${file}`).toBe(true);
      const { data } = loadFolder(id);
      expect(data.id).toBe(id);
      expect(data.grader).not.toBeNull();
      expect(data.starter).not.toBe(data.solution);
    });

    it('has code that compiles as a script body (top-level await and return allowed)', () => {
      const { data } = loadFolder(id);
      for (const [name, code] of [
        ['starter.js', data.starter],
        ['solution.js', data.solution],
      ] as const) {
        expect(() => new AsyncFunction(...API, 'tf', 'datasets', code), `${id}/${name}`).not.toThrow();
      }
      const grader = data.grader;
      if (grader?.kind === 'custom') {
        expect(
          () => new AsyncFunction('returned', 'exports', 'tf', 'datasets', 'print', 'input', grader.source),
          `${id}/measuring script`,
        ).not.toThrow();
      }
    });

    it('has hints that render, maths included', async () => {
      const { hintsMarkdown } = loadFolder(id);
      const renderer = await markdown;
      for (const hint of hintsMarkdown) {
        const html = (await renderer.render(hint)).code;
        expect(html.length).toBeGreaterThan(0);
        if (hint.includes('$')) expect(html).toContain('class="katex"');
      }
    });

    const { data } = loadFolder(id);
    const grader = data.grader;
    if (grader?.kind === 'function') {
      it(`passes its solution and fails its starter (function grader: ${grader.name})`, async () => {
        const solved = await gradeFunction(grader, await exportsOf(data.solution, data.expose));
        expect(solved.message).toMatch(/^All \d+ test cases pass/);
        expect(solved.pass).toBe(true);
        const started = await gradeFunction(grader, await exportsOf(data.starter, data.expose));
        expect(started.pass).toBe(false);
      });
    }
    if (grader?.kind === 'custom' && !BROWSER_ONLY.has(id)) {
      it(`passes its solution and fails its starter (custom grader: measuring script in the worker's place, judge ${grader.judge})`, async () => {
        const context = async (code: string) => ({
          returned: undefined,
          exports: await exportsOf(code, data.expose),
          tf: null,
          datasets: null,
          print: () => {},
        });
        const solved = await gradeCustom(grader, await context(data.solution));
        expect(solved.message).not.toMatch(/grader of this exercise failed/);
        expect(solved.pass).toBe(true);
        const started = await gradeCustom(grader, await context(data.starter));
        expect(started.pass).toBe(false);
        expect(started.message).not.toMatch(/grader of this exercise failed/);
      });
    }
  });
});
