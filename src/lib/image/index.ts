/** src/lib/image: images as numbers (pure TypeScript). Re-exports every module. */
export * from './types.ts';
export * from './image.ts';
export * from './arithmetic.ts';
export * from './colour.ts';
export * from './kernels.ts';
export * from './convolve.ts';
