/**
 * The orbit camera of the 3-D latent view: pure maths, no drawing. The points are first fitted into a
 * unit sphere (`fitBounds`), the camera circles that sphere's centre at a yaw, a pitch and a distance,
 * and `viewProjection` gives the column-major 4 × 4 matrix (the layout WebGL wants) that takes a data
 * point to clip space. `projectAll` applies it on the CPU for the canvas-2D fallback, picking and the cursor.
 */

export type Vec3 = [number, number, number];

export interface Bounds {
  /** Middle of the points' bounding box. */
  centre: Vec3;
  /** Half the bounding box's diagonal: every point is within it of the centre. */
  radius: number;
  min: Vec3;
  max: Vec3;
}

export interface OrbitCamera {
  /** Turn about the vertical axis, radians. */
  yaw: number;
  /** Tilt up or down, radians, kept within ±MAX_PITCH. */
  pitch: number;
  /** Distance from the centre, in units of the data's radius. */
  distance: number;
}

export const MAX_PITCH = (85 * Math.PI) / 180;
export const MIN_DISTANCE = 1.2;
export const MAX_DISTANCE = 8;
export const DEFAULT_CAMERA: Readonly<OrbitCamera> = { yaw: Math.PI / 6, pitch: Math.PI / 9, distance: 2.6 };
/** Vertical field of view, radians. */
const FOV = Math.PI / 4;

/** The bounding box of n points (row-major x, y, z). An empty set gets a unit box about the origin. */
export function fitBounds(points: Float32Array, n: number): Bounds {
  if (n === 0) return { centre: [0, 0, 0], radius: 1, min: [-1, -1, -1], max: [1, 1, 1] };
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) {
      const v = points[i * 3 + a]!;
      if (v < min[a]!) min[a] = v;
      if (v > max[a]!) max[a] = v;
    }
  }
  const centre: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const radius = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2 || 1;
  return { centre, radius, min, max };
}

const wrap = (angle: number): number => Math.atan2(Math.sin(angle), Math.cos(angle));

/** The camera turned by `dYaw` and tilted by `dPitch` (radians); the pitch stops short of the poles. */
export function rotate(camera: OrbitCamera, dYaw: number, dPitch: number): OrbitCamera {
  return { ...camera, yaw: wrap(camera.yaw + dYaw), pitch: Math.max(-MAX_PITCH, Math.min(MAX_PITCH, camera.pitch + dPitch)) };
}

/** The camera moved closer (factor < 1) or further (factor > 1), within MIN_DISTANCE…MAX_DISTANCE. */
export function zoom(camera: OrbitCamera, factor: number): OrbitCamera {
  return { ...camera, distance: Math.max(MIN_DISTANCE, Math.min(MAX_DISTANCE, camera.distance * factor)) };
}

/** Where the camera is, in the unit-sphere frame. */
export function eyePosition(camera: OrbitCamera): Vec3 {
  const c = Math.cos(camera.pitch);
  return [camera.distance * c * Math.sin(camera.yaw), camera.distance * Math.sin(camera.pitch), camera.distance * c * Math.cos(camera.yaw)];
}

/** a · b for column-major 4 × 4 matrices. */
export function multiply(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(16);
  for (let col = 0; col < 4; col++) {
    for (let row = 0; row < 4; row++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + row]! * b[col * 4 + k]!;
      out[col * 4 + row] = s;
    }
  }
  return out;
}

export function perspective(fovy: number, aspect: number, near: number, far: number): Float32Array {
  const f = 1 / Math.tan(fovy / 2);
  const nf = 1 / (near - far);
  // prettier-ignore
  return new Float32Array([f / aspect, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) * nf, -1, 0, 0, 2 * far * near * nf, 0]);
}

export function lookAt(eye: Vec3, target: Vec3, up: Vec3): Float32Array {
  const norm = (v: Vec3): Vec3 => {
    const l = Math.hypot(...v) || 1;
    return [v[0] / l, v[1] / l, v[2] / l];
  };
  const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const z = norm([eye[0] - target[0], eye[1] - target[1], eye[2] - target[2]]);
  const x = norm(cross(up, z));
  const y = cross(z, x);
  // prettier-ignore
  return new Float32Array([x[0], y[0], z[0], 0, x[1], y[1], z[1], 0, x[2], y[2], z[2], 0, -dot(x, eye), -dot(y, eye), -dot(z, eye), 1]);
}

/** The matrix taking a data point (in the data's own units) to clip space, for a view of this aspect (width / height). */
export function viewProjection(camera: OrbitCamera, aspect: number, bounds: Bounds): Float32Array {
  const s = 1 / bounds.radius;
  const [cx, cy, cz] = bounds.centre;
  // prettier-ignore
  const model = new Float32Array([s, 0, 0, 0, 0, s, 0, 0, 0, 0, s, 0, -cx * s, -cy * s, -cz * s, 1]);
  const view = lookAt(eyePosition(camera), [0, 0, 0], [0, 1, 0]);
  const projection = perspective(FOV, aspect, Math.max(0.05, camera.distance - 1.5), camera.distance + 1.5);
  return multiply(projection, multiply(view, model));
}

/**
 * Projects n points with `matrix` onto a width × height pixel area (y down, as on a canvas):
 * out[i·3] = x, out[i·3+1] = y, out[i·3+2] = depth (0 near … 1 far; outside 0…1 when clipped).
 */
export function projectAll(
  matrix: Float32Array,
  points: Float32Array,
  n: number,
  width: number,
  height: number,
  out = new Float32Array(n * 3),
): Float32Array {
  const m = matrix;
  for (let i = 0; i < n; i++) {
    const x = points[i * 3]!;
    const y = points[i * 3 + 1]!;
    const z = points[i * 3 + 2]!;
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
    const cx = (m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w;
    const cy = (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w;
    const cz = (m[2]! * x + m[6]! * y + m[10]! * z + m[14]!) / w;
    out[i * 3] = ((cx + 1) / 2) * width;
    out[i * 3 + 1] = ((1 - cy) / 2) * height;
    out[i * 3 + 2] = (cz + 1) / 2;
  }
  return out;
}

/** The camera's angles in degrees, rounded, as the element reports them ("30,20"). */
export function angleLabel(camera: OrbitCamera): string {
  return `${Math.round((camera.yaw * 180) / Math.PI)},${Math.round((camera.pitch * 180) / Math.PI)}`;
}
