import { describe, expect, it } from 'vitest';
import { buildExerciseData, exerciseSchema, ExerciseError, tidyCode } from './schema.ts';

const good = {
  title: 'Write sigmoid',
  hints: ['Use `Math.exp`.'],
  grader: { kind: 'function', name: 'sigmoid', cases: [{ args: [0], expected: 0.5 }] },
};

/** The issues of a parse as `path: message` lines, the way Astro prints them. */
function problems(data: unknown): string[] {
  const result = exerciseSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const files = {
  'starter.js': '\n\nfunction sigmoid(x) { return 0; }  \n\n',
  'solution.js': 'function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }',
};

describe('exerciseSchema', () => {
  it('accepts a good exercise and fills the defaults', () => {
    const parsed = exerciseSchema.parse({ title: 'Write sigmoid', grader: good.grader });
    expect(parsed.timeLimitSeconds).toBe(300);
    expect(parsed.hints).toEqual([]);
  });

  it('accepts each grader kind', () => {
    expect(problems({ ...good, grader: { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 0.9, limit: 1000 } })).toEqual([]);
    expect(problems({ ...good, grader: { kind: 'agent-win-rate', env: 'corridor', threshold: 0.8, games: 100, trainSeconds: 5, seed: 3 } })).toEqual(
      [],
    );
    expect(problems({ ...good, grader: { kind: 'custom', script: 'grader.js', judge: 'dense-backward', expose: ['model'] } })).toEqual([]);
  });

  it('names unknown fields, at the top and in a grader', () => {
    expect(problems({ ...good, hint: ['x'] })[0]).toMatch(
      /unknown field\(s\) "hint" in exercise\.yaml: the allowed fields are title, timeLimitSeconds, hints, grader/,
    );
    expect(problems({ ...good, grader: { ...good.grader, tolerence: 1 } })[0]).toMatch(
      /^grader: unknown field\(s\) "tolerence" in a function grader/,
    );
  });

  it('lists the grader kinds for an unknown one', () => {
    expect(problems({ ...good, grader: { kind: 'accuracy' } })[0]).toMatch(
      /^grader.*kind must be one of function, model-accuracy, agent-win-rate, custom; found "accuracy"/,
    );
    expect(problems({ ...good, grader: undefined })[0]).toMatch(/^grader: missing: add a grader: a mapping with a kind/);
  });

  it('checks the fields of each grader with examples', () => {
    expect(problems({ ...good, grader: { kind: 'model-accuracy', dataset: 'cifar', split: 'test', threshold: 0.9 } })[0]).toMatch(
      /^grader\.dataset: expected one of mnist, fashion-mnist.*found "cifar"/,
    );
    expect(problems({ ...good, grader: { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 90 } })[0]).toMatch(
      /^grader\.threshold: expected a fraction above 0 and at most 1/,
    );
    expect(problems({ ...good, grader: { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 0.95, maxTensorsLeft: 0 } })).toEqual(
      [],
    );
    expect(
      problems({ ...good, grader: { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 0.95, maxTensorsLeft: -1 } })[0],
    ).toMatch(/^grader\.maxTensorsLeft: expected a whole number of tensors \(0: no leaks allowed\)/);
    expect(problems({ ...good, grader: { kind: 'agent-win-rate', env: 'chess', threshold: 0.5 } })[0]).toMatch(
      /^grader\.env: unknown environment "chess": the known ones are corridor/,
    );
    expect(problems({ ...good, grader: { kind: 'function', name: 'my func', cases: [{ args: [0], expected: 0 }] } })[0]).toMatch(
      /^grader\.name: expected .*JavaScript name/,
    );
    expect(problems({ ...good, grader: { kind: 'function', name: 'f', cases: [] } })[0]).toMatch(/^grader\.cases: expected at least one test case/);
    expect(problems({ ...good, grader: { kind: 'function', name: 'f', cases: [{ args: [0] }] } })[0]).toMatch(
      /^grader\.cases\.0\.expected: missing: add the expected return value/,
    );
    expect(problems({ ...good, grader: { kind: 'custom', script: '../x.js' } })[0]).toMatch(
      /^grader\.script: expected a \.js file name in the exercise folder/,
    );
  });

  it('checks the title, time limit and hints', () => {
    const { title: _omit, ...rest } = good;
    expect(problems(rest)[0]).toMatch(/^title: missing: add a title/);
    expect(problems({ ...good, timeLimitSeconds: 0 })[0]).toMatch(/^timeLimitSeconds: expected a number of seconds from 1 to 3600/);
    expect(problems({ ...good, hints: 'one' })[0]).toMatch(/^hints: expected a list of hints/);
  });
});

describe('buildExerciseData', () => {
  it('assembles the page data: tidy code, grader spec, exposed names', () => {
    const data = buildExerciseData('sigmoid', exerciseSchema.parse(good), files, ['<p>Use <code>Math.exp</code>.</p>']);
    expect(data).toEqual({
      id: 'sigmoid',
      title: 'Write sigmoid',
      starter: 'function sigmoid(x) { return 0; }\n',
      solution: 'function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }\n',
      hints: ['<p>Use <code>Math.exp</code>.</p>'],
      grader: { kind: 'function', name: 'sigmoid', cases: [{ args: [0], expected: 0.5 }] },
      timeLimitSeconds: 300,
      expose: ['sigmoid'],
    });
  });

  it('embeds a custom grader script and exposes its names', () => {
    const config = exerciseSchema.parse({ ...good, grader: { kind: 'custom', script: 'grader.js', judge: 'dense-backward', expose: ['model'] } });
    const data = buildExerciseData('x', config, { ...files, 'grader.js': 'return { pass: true, message: "ok" };' }, []);
    expect(data.grader).toEqual({ kind: 'custom', source: 'return { pass: true, message: "ok" };', judge: 'dense-backward', expose: ['model'] });
    expect(data.expose).toEqual(['model']);
    expect(() => buildExerciseData('x', config, files, [])).toThrow(/content\/exercises\/x\/grader\.js is missing/);
  });

  it('names a missing starter or solution', () => {
    const config = exerciseSchema.parse(good);
    expect(() => buildExerciseData('sigmoid', config, { 'solution.js': 'x' }, [])).toThrow(ExerciseError);
    expect(() => buildExerciseData('sigmoid', config, { 'solution.js': 'x' }, [])).toThrow(
      /has no starter\.js: add content\/exercises\/sigmoid\/starter\.js/,
    );
    expect(() => buildExerciseData('sigmoid', config, { 'starter.js': 'x' }, [])).toThrow(/has no solution\.js/);
  });

  it('tidies code to start with code and end with one newline', () => {
    expect(tidyCode('\n  \nlet a = 1;\n\n\n')).toBe('let a = 1;\n');
    expect(tidyCode('  indented();')).toBe('  indented();\n');
  });
});
