export * from './numbers.ts';
export * from './status.ts';
export * from './progress.ts';
export * from './sentence.ts';
