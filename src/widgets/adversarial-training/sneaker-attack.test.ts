import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR, readFashion } from '../../../scripts/cnn-node.ts';
import { parseLayersCnn, type CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { LESSON_EPSILON, LESSON_SNEAKER_INDEX } from '../../lib/adversarial/sneaker.ts';
import { testImage } from '../shared/cnn-fetch.ts';
import { attackSneaker } from './sneaker-attack.ts';

/** A committed tfjs model folder as the engine's CNN. */
function engineCnn(dir: string): CnnModel {
  const bin = readFileSync(join(dir, 'weights.bin'));
  return parseLayersCnn(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')), bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
}

const test = readFashion('test', LESSON_SNEAKER_INDEX + 1);
const image = testImage(test.images, LESSON_SNEAKER_INDEX);

describe('the sneaker before and after adversarial training', () => {
  it('the pretrained engine CNN sees the lesson’s sneaker, and FGSM at the lesson’s ε makes it see something else', () => {
    expect(image[0]).toBe(test.images[LESSON_SNEAKER_INDEX * 784]! / 255);
    const a = attackSneaker(engineCnn(MODEL_DIR), image, test.labels[LESSON_SNEAKER_INDEX]!, LESSON_EPSILON);
    expect([a.label, a.cleanClass]).toEqual([7, 7]);
    expect(a.cleanProbability).toBeGreaterThan(0.9);
    expect(a.attackedClass).not.toBe(7);
    let largest = 0;
    a.attacked.forEach((v, p) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      largest = Math.max(largest, Math.abs(v - image[p]!));
    });
    expect(largest).toBeCloseTo(LESSON_EPSILON, 6);
  });

  it('the committed robust model (npm run train:robust) still sees a sneaker under the same attack', () => {
    const a = attackSneaker(engineCnn(join(MODEL_DIR, '..', 'fashion-cnn-robust')), image, 7, LESSON_EPSILON);
    expect([a.cleanClass, a.attackedClass]).toEqual([7, 7]);
    expect(a.attackedProbability).toBeGreaterThan(0.5);
  });
});
