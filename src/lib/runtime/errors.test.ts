import { describe, expect, it } from 'vitest';
import { CONTEXT_LOST_MESSAGE, describeFailure } from './errors.ts';

describe('describeFailure', () => {
  it('maps a lost context to its own code with the plain-words message', () => {
    const r = describeFailure({ error: new Error('whatever'), phase: 'training', contextLost: true });
    expect(r.code).toBe('webgl-context-lost');
    expect(r.message).toBe(CONTEXT_LOST_MESSAGE);
    expect(r.hint).toMatch(/another backend/);
    expect(describeFailure({ error: new Error('WebGL context lost.'), phase: 'training' }).code).toBe('webgl-context-lost');
  });
  it('recognises running out of memory', () => {
    const r = describeFailure({ error: new RangeError('Array buffer allocation failed'), phase: 'training' });
    expect(r.code).toBe('out-of-memory');
    expect(r.hint).toMatch(/fewer training images/);
    expect(describeFailure({ error: new Error('Requested texture size [1x99999] greater than maximum'), phase: 'training' }).code).toBe(
      'out-of-memory',
    );
  });
  it('calls failures while loading data data errors, naming the cause', () => {
    const r = describeFailure({ error: new Error('HTTP 404 for mnist/train-images-idx3-ubyte.gz'), phase: 'data' });
    expect(r.code).toBe('data');
    expect(r.message).toContain('HTTP 404 for mnist/train-images-idx3-ubyte.gz');
    expect(r.hint).toMatch(/npm run datasets/);
  });
  it('explains invalid settings as a bug of the page', () => {
    const r = describeFailure({ error: new Error('epochs must be ≥ 0'), phase: 'config' });
    expect(r).toMatchObject({ code: 'unknown', message: 'The training settings are not valid: epochs must be ≥ 0' });
  });
  it('falls back to backend and unknown codes', () => {
    expect(describeFailure({ error: 'no gl', phase: 'backend' }).code).toBe('backend');
    const r = describeFailure({ error: new Error('boom'), phase: 'training' });
    expect(r).toMatchObject({ code: 'unknown', message: 'Training failed: boom' });
  });
});
