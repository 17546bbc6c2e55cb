/**
 * Model files on the page side: a download of model.json and its weights (two files made from
 * what the worker exports), and reading the files a reader chose, checked with
 * src/lib/model-files before anything goes to the worker.
 */
import { findModelJson, matchWeightFiles } from '../../lib/model-files/choose-files.ts';
import { parseModelJson, type FileProblem, type ModelJson } from '../../lib/model-files/model-json.ts';

/** The kit's download, loaded with the rest of this module only when the reader downloads. */
export { downloadFile } from '../shared/browser-storage.ts';

export type ReadFiles =
  { ok: true; model: ModelJson; weightData: ArrayBuffer; jsonName: string; note: string | null } | { ok: false; problem: FileProblem };

/** Reads and checks the chosen files: the model.json, and its weights (matched by name, or by size when renamed). */
export async function readModelFiles(list: FileList | readonly File[]): Promise<ReadFiles> {
  const files = [...list];
  const found = findModelJson(files);
  if (!found.ok) return found;
  const jsonFile = files[found.value] as File;
  const parsed = parseModelJson(await jsonFile.text(), jsonFile.name);
  if (!parsed.ok) return parsed;
  const others = files.filter((f) => f !== jsonFile);
  const matched = matchWeightFiles(parsed.value, others, jsonFile.name);
  if (!matched.ok) return matched;
  const buffers = await Promise.all(matched.value.files.map((f) => (f as File).arrayBuffer()));
  const weightData = new Uint8Array(parsed.value.weightBytes);
  let offset = 0;
  for (const b of buffers) {
    weightData.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return { ok: true, model: parsed.value, weightData: weightData.buffer, jsonName: jsonFile.name, note: matched.value.note };
}
