/**
 * The tfjs side of the code cells' output API (src/lib/code/output-api.ts): hooks that let
 * `print`, `plot`, `show` and the run's summary understand tensors, models and optimizers.
 */
import type { DescribeHooks } from '../lib/code/describe.ts';
import type { OutputHooks } from '../lib/code/output-api.ts';
import { OutputArgumentError } from '../lib/code/values.ts';
import type { Tf } from './backend.ts';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

type Tensor = InstanceType<Tf['Tensor']>;
type LayersModel = InstanceType<Tf['LayersModel']>;

/** "a float32", "an int32". */
function aDtype(dtype: string): string {
  return `${/^[aeiou]/.test(dtype) ? 'an' : 'a'} ${dtype}`;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** "dense (null, 128)" for each layer, as a short list. */
function layersText(model: LayersModel): string {
  const parts = model.layers.slice(0, 8).map((layer) => {
    const out = layer.outputShape;
    const shape = Array.isArray(out) && !Array.isArray(out[0]) ? `[${(out as Array<number | null>).map((d) => d ?? 'n').join(', ')}]` : '';
    return `${layer.getClassName().toLowerCase()}${shape ? ` ${shape}` : ''}`;
  });
  if (model.layers.length > 8) parts.push(`… ${model.layers.length - 8} more`);
  return parts.join(' → ');
}

/** Output and description hooks for tensors, layers models and optimizers of this tfjs instance. */
export function tfHooks(tf: Tf): OutputHooks & DescribeHooks {
  // tfjs classes define Symbol.hasInstance, and Optimizer's reads properties of its argument:
  // `undefined instanceof tf.Optimizer` throws. Only objects are tested.
  const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
  const isTensor = (v: unknown): v is Tensor => isObject(v) && v instanceof tf.Tensor;
  const isModel = (v: unknown): v is LayersModel => isObject(v) && v instanceof tf.LayersModel;
  const isOptimizer = (v: unknown): v is InstanceType<Tf['Optimizer']> => isObject(v) && v instanceof tf.Optimizer;
  const countParams = (m: LayersModel): string => {
    try {
      return grouped.format(m.countParams());
    } catch {
      return 'an unknown number of'; // a model not built yet
    }
  };

  return {
    toData(value) {
      if (!isTensor(value)) return undefined;
      if (value.isDisposed) {
        throw new OutputArgumentError(
          'This tensor has been disposed (tf.dispose or tf.tidy freed it), so its values are gone. Use it before disposing it, or keep it with tf.keep.',
        );
      }
      if (value.dtype === 'string' || value.dtype === 'complex64') return undefined;
      return { shape: value.shape.slice(), read: () => value.dataSync() as ArrayLike<number> };
    },
    format(value) {
      if (isTensor(value)) {
        if (value.isDisposed) return `Tensor ${value.dtype} ${shapeText(value.shape)} (disposed)`;
        // tfjs's own formatting, which already shortens big tensors with "...".
        const body = value.toString().replace(/^Tensor\n?/, '');
        return `Tensor ${value.dtype} ${shapeText(value.shape)}\n${body}`;
      }
      if (isModel(value)) return `${value.getClassName()} model "${value.name}" with ${countParams(value)} parameters: ${layersText(value)}`;
      if (isOptimizer(value)) return `${value.getClassName()} optimizer`;
      return undefined;
    },
    describe(value) {
      if (isTensor(value)) {
        if (value.isDisposed) return `a disposed ${value.dtype} tensor`;
        if (value.rank === 0 && value.dtype !== 'string' && value.dtype !== 'complex64') {
          return `${aDtype(value.dtype)} scalar tensor (${String(value.dataSync()[0])})`;
        }
        return `${aDtype(value.dtype)} tensor of shape ${shapeText(value.shape)}`;
      }
      if (isModel(value)) return `a tfjs model with ${countParams(value)} parameters`;
      if (isOptimizer(value)) return `a tfjs optimizer (${value.getClassName()})`;
      return undefined;
    },
  };
}
