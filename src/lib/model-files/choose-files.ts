/**
 * Which of the files a reader chose is the model.json and which are its weights. The browser
 * renames a second download of the same name ('model (1).weights.bin'), so the names in the
 * manifest cannot be trusted to match: files are matched by name where they do, otherwise by
 * size (the manifest says how many bytes the weights take), and the status says so.
 */
import { formatCount } from '../format/numbers.ts';
import type { Checked, ModelJson } from './model-json.ts';

export interface ChosenFile {
  name: string;
  size: number;
}

const FILES_HINT = 'Choose two files at once (hold Ctrl or ⌘): the model.json and the weights file downloaded with it.';

const baseName = (path: string): string => path.split('/').pop() ?? path;

/** Finds the model.json among the chosen files (by its .json ending). Returns its index. */
export function findModelJson(files: readonly ChosenFile[]): Checked<number> {
  if (files.length === 0) return { ok: false, problem: { message: 'No files were chosen.', hint: FILES_HINT } };
  const json = files.flatMap((f, i) => (/\.json$/i.test(f.name) ? [i] : []));
  if (json.length === 0) {
    const names = files.map((f) => `'${f.name}'`).join(', ');
    return { ok: false, problem: { message: `None of the chosen files (${names}) is a model.json.`, hint: FILES_HINT } };
  }
  if (json.length > 1) {
    return { ok: false, problem: { message: `${json.length} .json files were chosen; the inspector loads one model at a time.`, hint: FILES_HINT } };
  }
  return { ok: true, value: json[0] as number };
}

/**
 * The weights files for `model` among `files` (the model.json itself excluded by the caller),
 * in the manifest's order, and a note when they were matched by size rather than by name.
 */
export function matchWeightFiles(
  model: ModelJson,
  files: readonly ChosenFile[],
  jsonName: string,
): Checked<{ files: ChosenFile[]; note: string | null }> {
  const expected = model.weightPaths.map(baseName);
  const bytes = `${formatCount(model.weightBytes)} bytes`;
  if (files.length === 0) {
    return {
      ok: false,
      problem: {
        message: `Only ${jsonName} was chosen; its weights (${expected.join(', ') || 'a .bin file'}, ${bytes}) are needed too.`,
        hint: FILES_HINT,
      },
    };
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const byName = expected.map((name) => files.find((f) => f.name === name));
  if (byName.every((f) => f !== undefined) && byName.length > 0) {
    const found = byName as ChosenFile[];
    const size = found.reduce((sum, f) => sum + f.size, 0);
    if (size === model.weightBytes) return { ok: true, value: { files: found, note: null } };
    return { ok: false, problem: sizeProblem(found, size, jsonName, bytes) };
  }
  // Names differ (a renamed download): one file of exactly the right size is the weights.
  const bySize = files.filter((f) => f.size === model.weightBytes);
  if (bySize.length >= 1 && (expected.length === 1 || files.length === 1)) {
    const file = bySize[0] as ChosenFile;
    const note = `Used '${file.name}' as the weights for ${jsonName}: its name differs from '${expected[0] ?? 'the manifest'}' but its size (${bytes}) matches.`;
    return { ok: true, value: { files: [file], note } };
  }
  if (files.length === 1 || expected.length === 1) return { ok: false, problem: sizeProblem(files, total, jsonName, bytes) };
  return {
    ok: false,
    problem: {
      message: `${jsonName} names the weights files ${expected.map((n) => `'${n}'`).join(', ')}, and the chosen files do not match them.`,
      hint: 'Choose the model.json and exactly the weights files it names, with their original names.',
    },
  };
}

function sizeProblem(files: readonly ChosenFile[], size: number, jsonName: string, bytes: string) {
  const what = files.length === 1 ? `'${(files[0] as ChosenFile).name}' holds` : `The chosen weights files hold`;
  return {
    message: `${what} ${formatCount(size)} bytes, but ${jsonName} describes ${bytes} of weights: they do not belong together.`,
    hint: 'Choose the weights file that was downloaded together with this model.json.',
  };
}
