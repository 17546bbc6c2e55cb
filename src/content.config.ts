import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lib/content/lesson-schema';
import { exerciseSchema } from './lib/exercises/schema';

const lessons = defineCollection({
  loader: glob({ pattern: '**/[^_]*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

/** One entry per exercise folder: content/exercises/<id>/exercise.yaml, id = the folder name. */
const exercises = defineCollection({
  loader: glob({
    pattern: '*/exercise.yaml',
    base: './content/exercises',
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: exerciseSchema,
});

export const collections = { lessons, exercises };
