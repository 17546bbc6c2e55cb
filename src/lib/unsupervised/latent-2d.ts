/**
 * Codes of any width drawn on a plane: a 2-D latent as it is; a wider one projected on its first
 * two principal components (PCA of the codes themselves, ./pca.ts), the plane that keeps the most
 * of their spread. Pure.
 */
import { explainedRatio, fitPca, project } from './pca.ts';

export interface Latent2d {
  /** n × 2, row-major. */
  xy: Float32Array;
  /** 'identity': the code's own two numbers; 'pca': its first two principal components. */
  method: 'identity' | 'pca';
  /** Share of the codes' variance the plane shows (1 for a 2-D code). */
  shown: number;
}

export function latentTo2d(codes: Float32Array, n: number, latent: number): Latent2d {
  if (!Number.isInteger(latent) || latent < 2) throw new RangeError(`latentTo2d: a code needs at least 2 numbers to draw on a plane, got ${latent}.`);
  if (codes.length !== n * latent) throw new RangeError(`latentTo2d: expected ${n} × ${latent} = ${n * latent} numbers, got ${codes.length}.`);
  if (latent === 2) return { xy: Float32Array.from(codes), method: 'identity', shown: 1 };
  const pca = fitPca(codes, n, latent, { components: 2 });
  const [a = 0, b = 0] = explainedRatio(pca);
  return { xy: project(pca, codes, n, 2), method: 'pca', shown: a + b };
}

/** How the plane was made, for a caption: "Its 2 numbers" / "First 2 principal components of the 3-D codes (94% of their variance)". */
export function latentPlaneText(latent: number, plane: Latent2d): string {
  if (plane.method === 'identity') return 'the 2 numbers of each code';
  return `the first 2 principal components of the ${latent}-D codes (${Math.round(plane.shown * 100)}% of their variance)`;
}
