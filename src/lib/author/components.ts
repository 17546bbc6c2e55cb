/**
 * The components a lesson can place, as the authoring preview knows them.
 *
 * `preview: 'rendered'` components are drawn in the preview exactly as in a published lesson
 * (their markup comes from src/lib/markup, shared with the Astro components). The others are
 * interactive widgets that need the site's data and scripts: the preview shows a labelled
 * placeholder box with their name and props instead.
 *
 * Every name here is a file src/components/<name>.astro; the export adds the import line for each
 * one a draft uses (src/lib/author/export.ts). Keep this list in step with src/components
 * (src/lib/author/components.test.ts checks it).
 */

export type ComponentPreview = 'rendered' | 'placeholder';

export interface AuthorComponent {
  name: string;
  preview: ComponentPreview;
  /** One line for the cheat sheet and the placeholder box. */
  description: string;
}

export const AUTHOR_COMPONENTS: readonly AuthorComponent[] = [
  { name: 'Callout', preview: 'rendered', description: 'A boxed note, tip or warning.' },
  { name: 'Figure', preview: 'rendered', description: 'An image, table or widget with a caption.' },
  { name: 'Quiz', preview: 'rendered', description: 'A multiple-choice or numeric question with an explanation.' },
  { name: 'SourceLink', preview: 'rendered', description: 'A source file of the project: a link when the build knows the repository, else text.' },
  { name: 'MarginNote', preview: 'rendered', description: 'A short side remark, in the right margin on wide screens.' },
  { name: 'CodeCell', preview: 'placeholder', description: 'An editable, runnable JavaScript cell or graded exercise.' },
  { name: 'PixelInspector', preview: 'placeholder', description: 'Hover an image to read its pixel values.' },
  { name: 'ColourMangler', preview: 'placeholder', description: 'Swap and scale the colour channels of an image.' },
  { name: 'ImageDifference', preview: 'placeholder', description: 'Subtract two images pixel by pixel.' },
  { name: 'ConvolutionStepper', preview: 'placeholder', description: 'Step a kernel across an image.' },
  { name: 'FilterLab', preview: 'placeholder', description: 'Apply and edit convolution filters.' },
  { name: 'MnistTrainer', preview: 'placeholder', description: 'Train a TensorFlow.js classifier on MNIST.' },
  { name: 'NeuronTrainer', preview: 'placeholder', description: 'Train one neuron to spot zeros.' },
  { name: 'GradientCheck', preview: 'placeholder', description: 'Compare analytic and numeric gradients.' },
  { name: 'BoundaryPlayground', preview: 'placeholder', description: 'Watch a small network draw a decision boundary.' },
  { name: 'ScratchTrainer', preview: 'placeholder', description: 'Train the from-scratch network on MNIST.' },
  { name: 'SnakeTrainer', preview: 'placeholder', description: 'Q-learning on Snake with live curves.' },
  { name: 'SnakePlayer', preview: 'placeholder', description: 'Watch a trained agent or play Snake yourself.' },
  { name: 'SnakeDqn', preview: 'placeholder', description: 'A deep Q-network on a larger board.' },
  { name: 'StateCount', preview: 'placeholder', description: 'How many states Snake has per board size.' },
  { name: 'TicTacToe', preview: 'placeholder', description: 'Self-play Q-learning at tic-tac-toe.' },
  { name: 'ModelBuilder', preview: 'placeholder', description: 'Build, train and test a dense MNIST classifier with the layers API.' },
  { name: 'OptimizerRace', preview: 'placeholder', description: 'SGD, momentum, RMSProp and Adam racing on 2-D loss surfaces.' },
  {
    name: 'RunCompare',
    preview: 'placeholder',
    description: 'Several training runs overlaid: optimisers, regularisation, or a dense network against a CNN (preset).',
  },
  { name: 'ModelInspector', preview: 'placeholder', description: 'Confusion matrix, draw a digit, save and load the model.' },
  { name: 'HyperSearch', preview: 'placeholder', description: 'Random hyperparameter search with ASHA early stopping on parallel workers.' },
  {
    name: 'CnnTrainer',
    preview: 'placeholder',
    description: 'Train a small CNN on Fashion-MNIST: curves, confusion matrix, filters and feature maps.',
  },
  {
    name: 'ConvExplorer',
    preview: 'placeholder',
    description: 'Slide a kernel: input size, kernel, stride, padding and dilation, with im2col and tf.conv2d.',
  },
  { name: 'ReceptiveField', preview: 'placeholder', description: 'Receptive fields growing layer by layer, on an image.' },
  { name: 'ArchitectureTable', preview: 'placeholder', description: 'LeNet-style and VGG-style networks, parameters per layer.' },
  {
    name: 'UnsupervisedMap',
    preview: 'placeholder',
    description: 'A map of unsupervised algorithms by family, the ones the course builds linked to their sections.',
  },
  {
    name: 'KMeansExplorer',
    preview: 'placeholder',
    description: 'Step through k-means on the plane: k-means++, empty clusters, the elbow, DBSCAN beside it.',
  },
  {
    name: 'PcaExplorer',
    preview: 'placeholder',
    description: 'PCA of Fashion-MNIST: 2-D projection, components as images, explained variance, rebuild from m.',
  },
  {
    name: 'AutoencoderTrainer',
    preview: 'placeholder',
    description: 'Train an autoencoder on Fashion-MNIST: reconstructions, bottleneck slider, latent scatter.',
  },
  { name: 'Denoiser', preview: 'placeholder', description: 'Corrupt an image and restore it with a denoising autoencoder, beside a Gaussian blur.' },
  {
    name: 'LatentSpace',
    preview: 'placeholder',
    description: "A VAE's 3-D latent space: rotate, decode a point, interpolate, switch between PCA, AE and VAE.",
  },
  {
    name: 'FgsmExplorer',
    preview: 'placeholder',
    description: 'Fool the CNN with the fast gradient sign method: saliency map, ε slider, perturbation and probabilities before and after.',
  },
  {
    name: 'PgdStepper',
    preview: 'placeholder',
    description: 'Step a targeted or untargeted PGD attack: the gradient step, the projection into the ε-ball and clipping.',
  },
  {
    name: 'RobustnessCurve',
    preview: 'placeholder',
    description: 'Attack success rate against ε over 1,000 test images, and which classes flip into what.',
  },
  {
    name: 'AdversarialTraining',
    preview: 'placeholder',
    description: 'Adversarial training in the browser: robust accuracy against ε beside the standard model, and its cost.',
  },
];

const BY_NAME = new Map(AUTHOR_COMPONENTS.map((c) => [c.name, c]));

/** The component called `name`, or undefined when Tinker has none by that name. */
export function authorComponent(name: string): AuthorComponent | undefined {
  return BY_NAME.get(name);
}

/** The import line a lesson in content/lessons/ needs for a component. */
export function componentImport(name: string): string {
  return `import ${name} from '../../src/components/${name}.astro';`;
}
