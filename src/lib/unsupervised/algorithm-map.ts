/**
 * The "map of unsupervised algorithms" of the Unsupervised track: four families (clustering, density
 * estimation, dimensionality reduction, generative models), the well-known algorithms of each, which of
 * them the course builds (with the lesson section that builds it), and two links between families
 * (a Gaussian mixture is both a clustering and a density; a VAE is an autoencoder that generates).
 *
 * Pure data and text, no drawing: src/viz/unsupervised-map.ts lays it out as an SVG at build time, and
 * src/components/UnsupervisedMap.astro writes the same content as a list, the figure's text equivalent.
 * The sections are the ids of headings in content/lessons/08-clustering-and-pca.mdx and
 * 09-autoencoders.mdx (e2e/unsupervised-lessons.spec.ts follows every link).
 */

/** Where the course builds an algorithm: a lesson slug and the id of a heading in it. */
export interface MapSection {
  lesson: 'clustering-and-pca' | 'autoencoders';
  /** The heading's id (its text, slugged as the lesson's Markdown does). */
  section: string;
  /** The heading's text, for the text equivalent. */
  title: string;
}

export interface MapAlgorithm {
  /** Unique in the whole map (a Gaussian mixture appears twice, once per family). */
  id: string;
  /** Its name as drawn. */
  name: string;
  /** One sentence: what it does. */
  note: string;
  /** Set when the course builds it. */
  built?: MapSection;
}

export interface MapGroup {
  id: 'clustering' | 'density' | 'reduction' | 'generative';
  title: string;
  /** The question the family answers, short enough for one line on a phone. */
  question: string;
  algorithms: readonly MapAlgorithm[];
}

/** A link between two algorithms of neighbouring families, drawn as a dashed connector with a label. */
export interface MapRelation {
  from: string;
  to: string;
  /** A few words, drawn beside the connector. */
  label: string;
  /** The relation as a sentence, for the text equivalent. */
  sentence: string;
}

const LESSON_1 = 'clustering-and-pca' as const;
const LESSON_2 = 'autoencoders' as const;

/**
 * The families in drawing order: on a wide screen the first two form the left column and the last two
 * the right one; on a phone all four are stacked. Each relation joins the last algorithm of a family to
 * the first of the next one, so its connector crosses no other algorithm.
 */
export const UNSUPERVISED_MAP: readonly MapGroup[] = [
  {
    id: 'clustering',
    title: 'Clustering',
    question: 'Which points belong together?',
    algorithms: [
      {
        id: 'k-means',
        name: 'k-means',
        note: 'k centroids; each point joins the nearest, each centroid moves to the mean of its points.',
        built: { lesson: LESSON_1, section: 'k-means', title: 'k-means' },
      },
      { id: 'hierarchical', name: 'hierarchical', note: 'Merges the two closest groups again and again, into a tree of clusters.' },
      {
        id: 'dbscan',
        name: 'DBSCAN',
        note: 'Grows clusters from points with many close neighbours; isolated points stay noise.',
        built: { lesson: LESSON_1, section: 'where-k-means-fails', title: 'Where k-means fails' },
      },
      {
        id: 'gmm-clustering',
        name: 'Gaussian mixture',
        note: 'k Gaussian bumps, each with its own mean and shape; a point belongs to each with a probability.',
      },
    ],
  },
  {
    id: 'density',
    title: 'Density estimation',
    question: 'How likely is each point?',
    algorithms: [
      { id: 'gmm-density', name: 'Gaussian mixture', note: 'The same mixture, read as a density: the sum of its bumps.' },
      { id: 'kde', name: 'kernel density (KDE)', note: 'A small bump on every data point, added up.' },
    ],
  },
  {
    id: 'reduction',
    title: 'Dimensionality reduction',
    question: 'Which few numbers describe each point?',
    algorithms: [
      {
        id: 'pca',
        name: 'PCA',
        note: 'Projects onto the directions of largest variance: the best linear summary.',
        built: { lesson: LESSON_1, section: 'principal-component-analysis', title: 'Principal component analysis' },
      },
      { id: 'tsne-umap', name: 't-SNE / UMAP', note: 'Place points in 2-D so that neighbours stay neighbours; for pictures, not for new points.' },
      {
        id: 'autoencoder',
        name: 'autoencoders',
        note: 'A network squeezes each input through a narrow layer and rebuilds it.',
        built: { lesson: LESSON_2, section: 'encoder-bottleneck-decoder', title: 'Encoder, bottleneck, decoder' },
      },
    ],
  },
  {
    id: 'generative',
    title: 'Generative models',
    question: 'How do I make new examples?',
    algorithms: [
      {
        id: 'vae',
        name: 'VAE',
        note: 'An autoencoder whose latent space is shaped so that any point in it decodes to a plausible image.',
        built: { lesson: LESSON_2, section: 'the-variational-autoencoder', title: 'The variational autoencoder' },
      },
      { id: 'gan', name: 'GAN', note: 'A generator learns to fool a discriminator that learns to tell real from generated.' },
      { id: 'diffusion', name: 'diffusion models', note: 'Learn to remove noise step by step, then start from pure noise.' },
    ],
  },
];

export const MAP_RELATIONS: readonly MapRelation[] = [
  {
    from: 'gmm-clustering',
    to: 'gmm-density',
    label: 'the same model',
    sentence: 'A Gaussian mixture is both: its bumps are clusters, and their sum is a density.',
  },
  {
    from: 'autoencoder',
    to: 'vae',
    label: 'made generative',
    sentence: 'A variational autoencoder is an autoencoder trained so that its decoder can also generate.',
  },
];

/** Every algorithm of the map, in drawing order. */
export function mapAlgorithms(groups: readonly MapGroup[] = UNSUPERVISED_MAP): MapAlgorithm[] {
  return groups.flatMap((g) => g.algorithms);
}

/** The site-relative URL of a built algorithm's section: `lessons/clustering-and-pca/#k-means`. */
export function sectionPath(section: MapSection): string {
  return `lessons/${section.lesson}/#${section.section}`;
}

/** The description of the whole map in one paragraph (the SVG's `<desc>`). */
export function mapDescription(groups: readonly MapGroup[] = UNSUPERVISED_MAP): string {
  const families = groups.map((g) => `${g.title.toLowerCase()} (${g.algorithms.map((a) => a.name).join(', ')})`);
  const built = mapAlgorithms(groups)
    .filter((a) => a.built)
    .map((a) => a.name);
  return (
    `Four families of unsupervised algorithms: ${families.join('; ')}. ` +
    `Marked as built in this course, with links to their sections: ${built.join(', ')}. ` +
    MAP_RELATIONS.map((r) => r.sentence).join(' ')
  );
}
