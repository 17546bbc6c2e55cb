import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR, readFashion } from '../../../scripts/cnn-node.ts';
import { parseLayersCnn } from '../../lib/adversarial/cnn-model.ts';
import { LESSON_EPSILON, LESSON_SNEAKER_INDEX } from '../../lib/adversarial/sneaker.ts';
import { attackSneaker, imageFloats } from './sneaker-attack.ts';

describe('the sneaker before adversarial training', () => {
  it('the pretrained engine CNN sees the lesson’s sneaker, and FGSM at the lesson’s ε makes it see something else', () => {
    const bin = readFileSync(join(MODEL_DIR, 'weights.bin'));
    const model = parseLayersCnn(
      JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')),
      bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    );
    const test = readFashion('test', LESSON_SNEAKER_INDEX + 1);
    const image = imageFloats(test.images, LESSON_SNEAKER_INDEX);
    expect(image[0]).toBe(test.images[LESSON_SNEAKER_INDEX * 784]! / 255);
    const a = attackSneaker(model, image, test.labels[LESSON_SNEAKER_INDEX]!, LESSON_EPSILON);
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
});
