import { z } from 'astro/zod';

/** The four tracks of the course, in the order the course map shows them. */
export const TRACKS = ['foundations', 'supervised', 'unsupervised', 'reinforcement'] as const;
export type Track = (typeof TRACKS)[number];

export const TRACK_TITLES: Record<Track, string> = {
  foundations: 'Foundations',
  supervised: 'Supervised learning',
  unsupervised: 'Unsupervised learning',
  reinforcement: 'Reinforcement learning',
};

/** Datasets a lesson can declare; each must be credited on the about page. */
export const DATASET_IDS = ['mnist', 'fashion-mnist', 'sample-images'] as const;

/** Frontmatter every lesson must have. A bad field fails the build, naming the file and field. */
export const lessonSchema = z
  .object({
    title: z.string().min(3, 'title: give the lesson a title of at least 3 characters'),
    summary: z.string().min(10, 'summary: one or two sentences that say what the reader will do'),
    order: z.number().int().nonnegative(),
    track: z.enum(TRACKS),
    objectives: z.array(z.string().min(3)).min(1, 'objectives: list at least one learning objective'),
    minutes: z.number().int().positive().max(240),
    datasets: z.array(z.enum(DATASET_IDS)).default([]),
    draft: z.boolean().default(false),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
