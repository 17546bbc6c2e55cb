import { datasetsUrl } from '../../lib/data/datasets-url.ts';

/** Where the site serves its datasets (`<base>/data/`), absolute so that a worker can fetch from it. */
export function datasetUrl(): string {
  return datasetsUrl(import.meta.env.BASE_URL, location.href);
}
