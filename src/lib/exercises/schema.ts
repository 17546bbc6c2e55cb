/**
 * The schema of `content/exercises/<id>/exercise.yaml`, and the pure assembly of an
 * exercise's files into the `ExerciseData` a page embeds (src/components/exercise-data.ts
 * does the reading and the Markdown; the Vitest content check uses the same assembly).
 *
 *   title: Write sigmoid
 *   timeLimitSeconds: 30          # optional, default 300
 *   hints:                        # Markdown with maths, revealed one at a time
 *     - The formula is $\sigma(x) = 1 / (1 + e^{-x})$.
 *   grader:                       # one of the four kinds of src/lib/exercises/types.ts
 *                                 # (model-accuracy may add `maxTensorsLeft: 0`: no leaked tensors)
 *     kind: function
 *     name: sigmoid
 *     cases:
 *       - { args: [0], expected: 0.5 }
 *
 * A custom grader names its measuring script instead of embedding it, and the built-in judge that
 * decides from what the script measured: `{ kind: custom, script: measure.js, judge: dense-backward }`.
 * A bad field fails the build with the file, the field, what was expected and what was found.
 */
import '../csp/zod-jitless.ts';
import { z } from 'astro/zod';
import { DATASET_IDS } from '../data/manifest.ts';
import { ENVIRONMENT_IDS } from '../rl/environments.ts';
import { DEFAULT_TIME_LIMIT_SECONDS, exposedNames, type ExerciseData, type GraderSpec } from './types.ts';
import { fieldMessage, shown } from '../content/field-messages.ts';
import { JUDGE_NAMES } from '../grading/judges/index.ts';

const expect = (what: string, example: string) => fieldMessage(what, example);

/** Names unknown keys of a strict object, listing the allowed ones. */
function strictError(where: string, allowed: readonly string[]) {
  return (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown field(s) ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')} in ${where}: the allowed fields are ${allowed.join(', ')}`
      : `${where} must be a YAML mapping of fields (${allowed.join(', ')})`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const identifier = (what: string, example: string) =>
  z.string({ error: expect(what, example) }).regex(IDENTIFIER, { error: expect(`${what} (a JavaScript name)`, example) });

const fraction = (example: string) =>
  z
    .number({ error: expect('a fraction between 0 and 1', example) })
    .gt(0, { error: expect('a fraction above 0 and at most 1', example) })
    .lte(1, { error: expect('a fraction above 0 and at most 1', example) });

const positiveInt = (what: string, example: string) =>
  z
    .number({ error: expect(what, example) })
    .int({ error: expect(what, example) })
    .positive({ error: expect(what, example) });

const functionCase = z.strictObject(
  {
    args: z.array(z.unknown(), { error: expect('the list of arguments', 'args: [0]') }),
    expected: z.unknown().refine((v) => v !== undefined, { error: 'missing: add the expected return value, e.g. `expected: 0.5`' }),
    note: z.string({ error: expect('a short note shown when this case fails', 'note: large inputs must not give NaN') }).optional(),
  },
  { error: strictError('a test case', ['args', 'expected', 'note']) },
);

const functionGrader = z.strictObject(
  {
    kind: z.literal('function'),
    name: identifier('the name of the function the reader defines', 'name: sigmoid'),
    cases: z
      .array(functionCase, { error: expect('a list of test cases', 'cases: [{ args: [0], expected: 0.5 }]') })
      .min(1, { error: expect('at least one test case', 'cases: [{ args: [0], expected: 0.5 }]') }),
    tolerance: z
      .number({ error: expect('an absolute tolerance', 'tolerance: 1e-6') })
      .nonnegative()
      .optional(),
    relativeTolerance: z
      .number({ error: expect('a relative tolerance', 'relativeTolerance: 1e-6') })
      .nonnegative()
      .optional(),
  },
  { error: strictError('a function grader', ['kind', 'name', 'cases', 'tolerance', 'relativeTolerance']) },
);

const modelAccuracyGrader = z.strictObject(
  {
    kind: z.literal('model-accuracy'),
    dataset: z.enum(DATASET_IDS as ['mnist', 'fashion-mnist'], { error: expect(`one of ${DATASET_IDS.join(', ')}`, 'dataset: mnist') }),
    split: z.enum(['train', 'test'], { error: expect('train or test', 'split: test') }),
    threshold: fraction('threshold: 0.9'),
    limit: positiveInt('a whole number of examples', 'limit: 10000').optional(),
    advice: z
      .string({ error: expect('a sentence of advice', 'advice: Try a hidden layer.') })
      .min(1)
      .optional(),
    maxTensorsLeft: z
      .number({ error: expect('a whole number of tensors (0: no leaks allowed)', 'maxTensorsLeft: 0') })
      .int({ error: expect('a whole number of tensors (0: no leaks allowed)', 'maxTensorsLeft: 0') })
      .nonnegative({ error: expect('a whole number of tensors (0: no leaks allowed)', 'maxTensorsLeft: 0') })
      .optional(),
  },
  { error: strictError('a model-accuracy grader', ['kind', 'dataset', 'split', 'threshold', 'limit', 'advice', 'maxTensorsLeft']) },
);

const agentWinRateGrader = z.strictObject(
  {
    kind: z.literal('agent-win-rate'),
    env: z.string({ error: expect('an environment id', 'env: corridor') }).refine((id) => ENVIRONMENT_IDS.includes(id), {
      error: (issue) => `unknown environment ${shown(issue.input)}: the known ones are ${ENVIRONMENT_IDS.join(', ')} (src/lib/rl/environments.ts)`,
    }),
    entry: identifier('the name of the training function', 'entry: train').optional(),
    games: positiveInt('a whole number of evaluation games', 'games: 1000').optional(),
    trainSeconds: z
      .number({ error: expect('a number of seconds', 'trainSeconds: 30') })
      .positive({ error: expect('a positive number of seconds', 'trainSeconds: 30') })
      .optional(),
    threshold: fraction('threshold: 0.6'),
    seed: z
      .number({ error: expect('a whole number', 'seed: 1234') })
      .int({ error: expect('a whole number', 'seed: 1234') })
      .optional(),
  },
  { error: strictError('an agent-win-rate grader', ['kind', 'env', 'entry', 'games', 'trainSeconds', 'threshold', 'seed']) },
);

const customGrader = z.strictObject(
  {
    kind: z.literal('custom'),
    script: z
      .string({ error: expect('the file name of the grader script in the exercise folder', 'script: grader.js') })
      .regex(/^[\w.-]+\.js$/, { error: expect('a .js file name in the exercise folder (no folders)', 'script: grader.js') }),
    judge: z.enum(JUDGE_NAMES, {
      error: expect(`the name of a judge in src/lib/grading/judges (${JUDGE_NAMES.join(', ')})`, 'judge: dense-backward'),
    }),
    expose: z
      .array(identifier("a top-level name of the reader's code", 'expose: [model, predict]'), {
        error: expect('a list of names', 'expose: [model, predict]'),
      })
      .optional(),
  },
  { error: strictError('a custom grader', ['kind', 'script', 'judge', 'expose']) },
);

const GRADER_KINDS = ['function', 'model-accuracy', 'agent-win-rate', 'custom'] as const;

export const graderConfigSchema = z.discriminatedUnion('kind', [functionGrader, modelAccuracyGrader, agentWinRateGrader, customGrader], {
  error: (issue) =>
    typeof issue.input === 'object' && issue.input !== null
      ? `grader.kind must be one of ${GRADER_KINDS.join(', ')}; found ${shown((issue.input as { kind?: unknown }).kind)}`
      : `${issue.input === undefined ? 'missing: add' : 'expected'} a grader: a mapping with a kind (${GRADER_KINDS.join(', ')}), ` +
        'e.g. `grader: { kind: function, name: sigmoid, cases: [{ args: [0], expected: 0.5 }] }`',
});

/** The contents of exercise.yaml. */
export const exerciseSchema = z.strictObject(
  {
    title: z
      .string({ error: expect('a title (text)', 'title: Write sigmoid') })
      .min(3, { error: expect('a title of at least 3 characters', 'title: Write sigmoid') }),
    timeLimitSeconds: z
      .number({ error: expect('a number of seconds', 'timeLimitSeconds: 60') })
      .positive({ error: expect('a number of seconds from 1 to 3600', 'timeLimitSeconds: 60') })
      .max(3600, { error: expect('a number of seconds from 1 to 3600', 'timeLimitSeconds: 60') })
      .default(DEFAULT_TIME_LIMIT_SECONDS),
    hints: z
      .array(
        z
          .string({ error: expect('each hint to be Markdown text', '- Use Math.exp.') })
          .min(1, { error: expect('each hint to be Markdown text', '- Use Math.exp.') }),
        {
          error: expect('a list of hints (Markdown)', 'hints: [Use Math.exp.]'),
        },
      )
      .default([]),
    grader: graderConfigSchema,
  },
  { error: strictError('exercise.yaml', ['title', 'timeLimitSeconds', 'hints', 'grader']) },
);

export type ExerciseConfig = z.infer<typeof exerciseSchema>;
export type GraderConfig = z.infer<typeof graderConfigSchema>;

/** The files of an exercise folder that the build reads. */
export const STARTER_FILE = 'starter.js';
export const SOLUTION_FILE = 'solution.js';

/** An exercise folder that is incomplete or inconsistent; the message names the file. */
export class ExerciseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExerciseError';
  }
}

/** Code as shown in the editor: no leading blank lines, exactly one final newline. */
export function tidyCode(code: string): string {
  return code.replace(/^(\s*\n)+/, '').replace(/\s+$/, '') + '\n';
}

/** The grader spec of types.ts from its YAML form; a custom grader's script comes from `files`. */
export function graderSpecFromConfig(id: string, grader: GraderConfig, files: Readonly<Record<string, string>>): GraderSpec {
  switch (grader.kind) {
    case 'function':
      return {
        kind: 'function',
        name: grader.name,
        cases: grader.cases.map((c) => ({ args: c.args, expected: c.expected, ...(c.note !== undefined ? { note: c.note } : {}) })),
        ...(grader.tolerance !== undefined ? { tolerance: grader.tolerance } : {}),
        ...(grader.relativeTolerance !== undefined ? { relativeTolerance: grader.relativeTolerance } : {}),
      };
    case 'custom': {
      const source = files[grader.script];
      if (source === undefined) {
        throw new ExerciseError(
          `Exercise "${id}": its grader script content/exercises/${id}/${grader.script} is missing (exercise.yaml names it as grader.script).`,
        );
      }
      return { kind: 'custom', source, judge: grader.judge, ...(grader.expose ? { expose: grader.expose } : {}) };
    }
    default:
      return grader;
  }
}

/**
 * Assembles one exercise from its parsed exercise.yaml, the files of its folder (by name) and
 * its hints already rendered to HTML. Throws ExerciseError naming a missing file.
 */
export function buildExerciseData(
  id: string,
  config: ExerciseConfig,
  files: Readonly<Record<string, string>>,
  hintsHtml: readonly string[],
): ExerciseData {
  for (const name of [STARTER_FILE, SOLUTION_FILE]) {
    if (files[name] === undefined) throw new ExerciseError(`Exercise "${id}" has no ${name}: add content/exercises/${id}/${name}.`);
  }
  const grader = graderSpecFromConfig(id, config.grader, files);
  return {
    id,
    title: config.title,
    starter: tidyCode(files[STARTER_FILE]!),
    solution: tidyCode(files[SOLUTION_FILE]!),
    hints: [...hintsHtml],
    grader,
    timeLimitSeconds: config.timeLimitSeconds,
    expose: exposedNames(grader),
  };
}
