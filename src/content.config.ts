import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lib/content/lesson-schema';

const lessons = defineCollection({
  loader: glob({ pattern: '**/[^_]*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
