import { describe, expect, it } from 'vitest';
import { lessonSchema } from './lesson-schema.ts';

const good = {
  title: 'Start here',
  summary: 'What this course is and how its widgets work.',
  order: 0,
  track: 'foundations',
  objectives: ['Train a small network'],
  minutes: 10,
  datasets: ['mnist'],
};

/** The issues of a parse as `path: message` lines, the way Astro prints them. */
function problems(data: unknown): string[] {
  const result = lessonSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('lessonSchema', () => {
  it('accepts a good lesson and fills defaults', () => {
    const parsed = lessonSchema.parse({ ...good, datasets: undefined });
    expect(parsed.datasets).toEqual([]);
    expect(parsed.draft).toBe(false);
  });

  it('names the field, what it expects and what it found', () => {
    const [issue] = problems({ ...good, minutes: 'ten' });
    expect(issue).toMatch(/^minutes: expected a whole number of minutes, e\.g\. `minutes: 15`; found "ten"$/);
  });

  it('says a missing field is missing', () => {
    const { title: _omit, ...rest } = good;
    expect(problems(rest)).toEqual([expect.stringMatching(/^title: missing: add a title/)]);
  });

  it('lists the allowed tracks and datasets', () => {
    expect(problems({ ...good, track: 'deep' })[0]).toMatch(/^track: expected one of foundations, supervised, unsupervised, reinforcement/);
    expect(problems({ ...good, datasets: ['cifar'] })[0]).toMatch(/^datasets\.0: expected one of mnist, fashion-mnist, sample-images.*found "cifar"/);
  });

  it('rejects out-of-range numbers and empty objectives', () => {
    expect(problems({ ...good, minutes: 0 })[0]).toMatch(/^minutes: expected a number of minutes from 1 to 240/);
    expect(problems({ ...good, minutes: 12.5 })[0]).toMatch(/^minutes: expected a whole number/);
    expect(problems({ ...good, order: -1 })[0]).toMatch(/^order: /);
    expect(problems({ ...good, objectives: [] })[0]).toMatch(/^objectives: expected at least one learning objective/);
  });

  it('names unknown fields (a typo would otherwise be ignored)', () => {
    expect(problems({ ...good, minuts: 10 })[0]).toMatch(/unknown frontmatter field\(s\) "minuts"/);
  });
});
