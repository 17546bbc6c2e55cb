/**
 * Build-time loading of a code exercise for Astro components (CodeCell):
 * content/exercises/<id>/exercise.yaml (the `exercises` collection, checked by
 * src/lib/exercises/schema.ts), its starter.js, solution.js and, for a custom grader, its
 * script, with the hints rendered from Markdown (maths by KaTeX) to HTML.
 */
import { getCollection, getEntry } from 'astro:content';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { ExerciseData } from '../lib/exercises/types.ts';
import { buildExerciseData, ExerciseError } from '../lib/exercises/schema.ts';
import { errorText } from '../lib/format/error-text.ts';

/** Every .js file of every exercise folder, as text, keyed by path: /content/exercises/<id>/<file>.js */
const scripts = import.meta.glob<string>('/content/exercises/*/*.js', { query: '?raw', import: 'default', eager: true });

/** The .js files of one exercise folder, by file name. */
function folderFiles(id: string): Record<string, string> {
  const prefix = `/content/exercises/${id}/`;
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(scripts)) {
    if (path.startsWith(prefix)) files[path.slice(prefix.length)] = text;
  }
  return files;
}

let renderer: Promise<MarkdownRenderer> | undefined;

/** One Markdown renderer for all hints, with the site's maths (KaTeX, errors fail the build) and code themes. */
function markdown(): Promise<MarkdownRenderer> {
  renderer ??= createMarkdownProcessor({
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { throwOnError: true }]],
    syntaxHighlight: 'shiki',
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark-default' } },
  });
  return renderer;
}

async function renderHint(id: string, index: number, text: string): Promise<string> {
  try {
    return (await (await markdown()).render(text)).code;
  } catch (error) {
    throw new ExerciseError(
      `Exercise "${id}": hint ${index + 1} in content/exercises/${id}/exercise.yaml could not be rendered: ${errorText(error)}`,
    );
  }
}

const loaded = new Map<string, Promise<ExerciseData>>();

async function load(id: string): Promise<ExerciseData> {
  const entry = await getEntry('exercises', id);
  if (!entry) {
    const known = (await getCollection('exercises')).map((e) => `"${e.id}"`).sort();
    throw new ExerciseError(
      `Unknown exercise "${id}": there is no content/exercises/${id}/exercise.yaml. ` +
        (known.length ? `The known exercises are ${known.join(', ')}.` : 'There are no exercises yet.'),
    );
  }
  const hints = await Promise.all(entry.data.hints.map((hint, i) => renderHint(id, i, hint)));
  return buildExerciseData(id, entry.data, folderFiles(id), hints);
}

/** Everything a page needs about exercise `id` (loaded once per build, then shared). */
export function loadExercise(id: string): Promise<ExerciseData> {
  let data = loaded.get(id);
  if (!data) {
    data = load(id);
    loaded.set(id, data);
  }
  return data;
}
