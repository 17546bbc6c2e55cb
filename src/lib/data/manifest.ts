/**
 * The datasets of the course: files, checksums, sources, licences and credits.
 * Data only (no I/O), so the dataset script, the browser loader and the about page
 * can all import it.
 *
 * The SHA-256 sums are of the UNCOMPRESSED IDX content (they do not depend on how a
 * mirror compressed the files), copied from ../shared/datasets/SHA256SUMS.uncompressed.
 */

export type DatasetId = 'mnist' | 'fashion-mnist';
export type SplitName = 'train' | 'test';
export type IdxFileName = 'train-images-idx3-ubyte' | 'train-labels-idx1-ubyte' | 't10k-images-idx3-ubyte' | 't10k-labels-idx1-ubyte';

export const DATASET_IDS: readonly DatasetId[] = ['mnist', 'fashion-mnist'];

export interface DatasetFile {
  /** File name without `.gz`; served as `<dataUrl>/<dataset>/<name>.gz`. */
  name: string;
  kind: 'images' | 'labels';
  split: SplitName;
  /** Number of images or labels in the file. */
  count: number;
  /** SHA-256 (hex) of the uncompressed IDX content. */
  sha256: string;
}

export interface Licence {
  name: string;
  url: string;
}

export interface DatasetInfo {
  id: DatasetId;
  title: string;
  description: string;
  /** Canonical download folder; files are `<baseUrl><name>.gz`. */
  baseUrl: string;
  homepage: string;
  licence: Licence;
  /** Attribution, as it should appear on the about page. */
  credit: string;
  rows: number;
  cols: number;
  /** Human-readable class names, indexed by label. */
  classNames: readonly string[];
  files: readonly DatasetFile[];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const FASHION_CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

function files(sums: Record<IdxFileName, string>): DatasetFile[] {
  return [
    { name: 'train-images-idx3-ubyte', kind: 'images', split: 'train', count: 60000, sha256: sums['train-images-idx3-ubyte'] },
    { name: 'train-labels-idx1-ubyte', kind: 'labels', split: 'train', count: 60000, sha256: sums['train-labels-idx1-ubyte'] },
    { name: 't10k-images-idx3-ubyte', kind: 'images', split: 'test', count: 10000, sha256: sums['t10k-images-idx3-ubyte'] },
    { name: 't10k-labels-idx1-ubyte', kind: 'labels', split: 'test', count: 10000, sha256: sums['t10k-labels-idx1-ubyte'] },
  ];
}

export const DATASETS: Readonly<Record<DatasetId, DatasetInfo>> = {
  mnist: {
    id: 'mnist',
    title: 'MNIST',
    description: 'Handwritten digits 0–9, 28 × 28 grey pixels: 60,000 training and 10,000 test images.',
    baseUrl: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
    homepage: 'http://yann.lecun.com/exdb/mnist/',
    licence: { name: 'CC BY-SA 3.0', url: 'https://creativecommons.org/licenses/by-sa/3.0/' },
    credit: 'The MNIST database of handwritten digits, by Yann LeCun, Corinna Cortes and Christopher J. C. Burges.',
    rows: 28,
    cols: 28,
    classNames: DIGITS,
    files: files({
      'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
      'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
      't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
      't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    }),
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST',
    description:
      'Zalando article images in 10 classes (T-shirt, trouser, … ankle boot), 28 × 28 grey pixels: 60,000 training and 10,000 test images.',
    baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    homepage: 'https://github.com/zalandoresearch/fashion-mnist',
    licence: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    credit: 'Fashion-MNIST by Han Xiao, Kashif Rasul and Roland Vollgraf, © 2017 Zalando SE.',
    rows: 28,
    cols: 28,
    classNames: FASHION_CLASS_NAMES,
    files: files({
      'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
      'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
      't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
      't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    }),
  },
};

/** The image and label file of one split of a dataset. */
export function splitFiles(dataset: DatasetInfo, split: SplitName): { images: DatasetFile; labels: DatasetFile } {
  const images = dataset.files.find((f) => f.split === split && f.kind === 'images');
  const labels = dataset.files.find((f) => f.split === split && f.kind === 'labels');
  if (!images || !labels) throw new Error(`Dataset ${dataset.id} has no ${split} images and labels in its manifest.`);
  return { images, labels };
}

/** URL of a served data file: `<dataUrl>/<dataset>/<name>.gz` (dataUrl with or without a trailing slash). */
export function dataFileUrl(dataUrl: string, dataset: string, fileName: string): string {
  const base = dataUrl.endsWith('/') ? dataUrl : dataUrl + '/';
  return `${base}${dataset}/${fileName}.gz`;
}

export interface SampleImageCredit {
  /** File name in the datasets mirror (`images/`). */
  file: string;
  title: string;
  author: string;
  licence: Licence;
  source: string;
}

const CC0: Licence = { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' };
const SKIMAGE = 'scikit-image sample data (https://scikit-image.org)';

/** Sample photographs (from scikit-image's sample data) that lessons may use. */
export const SAMPLE_IMAGES: readonly SampleImageCredit[] = [
  { file: 'chelsea.png', title: 'Chelsea the cat', author: 'Stéfan van der Walt', licence: CC0, source: SKIMAGE },
  { file: 'coffee.png', title: 'A cup of coffee', author: 'Rachel Michetti', licence: CC0, source: SKIMAGE },
  { file: 'camera.png', title: 'Cameraman', author: 'Lav Varshney', licence: CC0, source: SKIMAGE },
  {
    file: 'astronaut.png',
    title: 'Astronaut Eileen Collins',
    author: 'NASA',
    licence: { name: 'Public domain (NASA)', url: 'https://www.nasa.gov/nasa-brand-center/images-and-media/' },
    source: SKIMAGE,
  },
];
