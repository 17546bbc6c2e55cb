import { describe, expect, it } from 'vitest';
import { expandGroups } from './run.ts';

const benches = [{ name: 'cnn' }, { name: 'unsupervised-kmeans' }, { name: 'unsupervised-scatter' }, { name: 'rl' }];

describe('expandGroups', () => {
  it('turns a group name into every benchmark named <group>-…, in table order', () => {
    expect(expandGroups(['unsupervised'], benches)).toEqual(['unsupervised-kmeans', 'unsupervised-scatter']);
  });
  it('keeps exact names, mixes them with groups and runs each once', () => {
    expect(expandGroups(['rl', 'unsupervised', 'unsupervised-kmeans'], benches)).toEqual(['rl', 'unsupervised-kmeans', 'unsupervised-scatter']);
  });
  it('leaves an unknown name as it is, for the caller to report', () => {
    expect(expandGroups(['nope', 'cn'], benches)).toEqual(['nope', 'cn']);
  });
});
