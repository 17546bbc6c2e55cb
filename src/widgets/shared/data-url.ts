/** Where the site serves its datasets (`<base>/data/`), absolute so that a worker can fetch from it. */
export function datasetUrl(): string {
  const base = import.meta.env.BASE_URL;
  return new URL(`${base.endsWith('/') ? base : `${base}/`}data/`, location.href).href;
}
