import '../csp/zod-jitless.ts';
import { z } from 'astro/zod';
import { fieldMessage } from './field-messages.ts';

/** The four tracks of the course, in the order the course map shows them. */
export const TRACKS = ['foundations', 'supervised', 'unsupervised', 'reinforcement'] as const;
export type Track = (typeof TRACKS)[number];

export const TRACK_TITLES: Record<Track, string> = {
  foundations: 'Foundations',
  supervised: 'Supervised learning',
  unsupervised: 'Unsupervised learning',
  reinforcement: 'Reinforcement learning',
};

/** One sentence per track for the course map. */
export const TRACK_BLURBS: Record<Track, string> = {
  foundations: 'How the course works, what a neural network is, and how it learns from examples.',
  supervised: 'Teach a model from labelled examples: classify images, fit curves, measure how well it does.',
  unsupervised: 'Find structure without labels: clusters, compression and embeddings.',
  reinforcement: 'Learn by trial and error: agents, rewards and games.',
};

/** Datasets a lesson can declare; each must be credited on the about page. */
export const DATASET_IDS = ['mnist', 'fashion-mnist', 'sample-images'] as const;
export type DatasetName = (typeof DATASET_IDS)[number];

/** How each dataset is named to readers. */
export const DATASET_LABELS: Record<DatasetName, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  'sample-images': 'Sample images',
};

const expect = (what: string, example: string) => fieldMessage(what, example, ' to the frontmatter');

const objective = z
  .string({ error: expect('each objective to be a sentence', '- Train a small network on MNIST') })
  .min(3, { error: expect('each objective to be a sentence', '- Train a small network on MNIST') });

/** Frontmatter every lesson must have. A bad field fails the build, naming the file and field. */
export const lessonSchema = z.strictObject(
  {
    title: z
      .string({ error: expect('a title (text)', 'title: Start here') })
      .min(3, { error: expect('a title of at least 3 characters', 'title: Start here') }),
    summary: z
      .string({ error: expect('a one or two sentence summary', 'summary: Train your first network.') })
      .min(10, { error: expect('a summary of at least 10 characters', 'summary: Train your first network.') }),
    order: z
      .number({ error: expect('a whole number giving the position in its track', 'order: 0') })
      .int({ error: expect('a whole number giving the position in its track', 'order: 0') })
      .nonnegative({ error: expect('a whole number from 0 up', 'order: 0') }),
    track: z.enum(TRACKS, { error: expect(`one of ${TRACKS.join(', ')}`, 'track: foundations') }),
    objectives: z
      .array(objective, { error: expect('a list of learning objectives', 'objectives: [Train a network]') })
      .min(1, { error: expect('at least one learning objective', 'objectives: [Train a network]') }),
    minutes: z
      .number({ error: expect('a whole number of minutes', 'minutes: 15') })
      .int({ error: expect('a whole number of minutes', 'minutes: 15') })
      .positive({ error: expect('a number of minutes from 1 to 240', 'minutes: 15') })
      .max(240, { error: expect('a number of minutes from 1 to 240', 'minutes: 15') }),
    datasets: z
      .array(z.enum(DATASET_IDS, { error: expect(`one of ${DATASET_IDS.join(', ')}`, 'datasets: [mnist]') }), {
        error: expect('a list of datasets', 'datasets: [mnist]'),
      })
      .default([]),
    draft: z.boolean({ error: expect('true or false', 'draft: true') }).default(false),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown frontmatter field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: ` +
          'the allowed fields are title, summary, order, track, objectives, minutes, datasets, draft'
        : 'the frontmatter must be a YAML mapping of fields (title, summary, order, ...)',
  },
);

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
