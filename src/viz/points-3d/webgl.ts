/**
 * All the points in one WebGL2 draw call (gl.POINTS, round sprites, depth-tested), and picking as the
 * TensorFlow Embedding Projector does it: the same points drawn once more into an offscreen
 * framebuffer, each in a colour that encodes its index (lib/latent-view/pick.ts), and the pixels
 * under the pointer read back. Throws if WebGL2 is missing, so the caller can fall back to canvas 2D.
 */
import { multiply } from '../../lib/latent-view/camera.ts';
import { indexToRgb, rgbToIndex } from '../../lib/latent-view/pick.ts';
import { parseColour, PICK_RADIUS, POINT_SIZE, type PointCloud, type PointsRenderer } from './types.ts';

const VERTEX = `#version 300 es
in vec3 a_position;
in vec3 a_colour;
in vec3 a_id;
uniform mat4 u_matrix;
uniform float u_size;
uniform bool u_picking;
out vec3 v_colour;
void main() {
  gl_Position = u_matrix * vec4(a_position, 1.0);
  // Nearer points a little bigger, as a depth cue.
  gl_PointSize = u_size * clamp(2.5 / gl_Position.w, 0.6, 2.0);
  v_colour = u_picking ? a_id : a_colour;
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec3 v_colour;
uniform bool u_picking;
out vec4 colour;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  if (dot(c, c) > 1.0) discard;
  colour = vec4(v_colour, 1.0);
}`;

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new Error('WebGL2 could not create a shader.');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`WebGL2 shader failed to compile: ${gl.getShaderInfoLog(shader) ?? ''}`);
  return shader;
}

function program(gl: WebGL2RenderingContext): WebGLProgram {
  const p = gl.createProgram();
  gl.attachShader(p, compile(gl, gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(p, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(p);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(`WebGL2 program failed to link: ${gl.getProgramInfoLog(p) ?? ''}`);
  return p;
}

function colours(cloud: PointCloud, palette: readonly string[]): Float32Array {
  const rgb = palette.map(parseColour);
  const out = new Float32Array(cloud.n * 3);
  for (let i = 0; i < cloud.n; i++) out.set(rgb[cloud.classes[i]!] ?? [0.5, 0.5, 0.5], i * 3);
  return out;
}

function ids(n: number): Float32Array {
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++)
    out.set(
      indexToRgb(i).map((v) => v / 255),
      i * 3,
    );
  return out;
}

/** The picking square's half-width in device pixels, enough for PICK_RADIUS CSS pixels at a pixel ratio up to 2. */
const PICK_RADIUS_PX = 2 * PICK_RADIUS;
const PICK_SIZE = 2 * PICK_RADIUS_PX + 1;

export function createWebglPoints(canvas: HTMLCanvasElement, cloud: PointCloud): PointsRenderer {
  const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: false });
  if (!gl) throw new Error('this browser has no WebGL2');
  const prog = program(gl);
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const attribute = (name: string, data: Float32Array): WebGLBuffer => {
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    const loc = gl.getAttribLocation(prog, name);
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribPointer(loc, 3, gl.FLOAT, false, 0, 0);
    return buffer;
  };
  const positionBuffer = attribute('a_position', cloud.points);
  attribute('a_colour', colours(cloud, cloud.palette));
  attribute('a_id', ids(cloud.n));
  const uMatrix = gl.getUniformLocation(prog, 'u_matrix');
  const uSize = gl.getUniformLocation(prog, 'u_size');
  const uPicking = gl.getUniformLocation(prog, 'u_picking');

  // The offscreen picking target: a small RGBA8 colour buffer and a depth buffer, PICK_SIZE² pixels.
  const pickFramebuffer = gl.createFramebuffer();
  const pickColour = gl.createRenderbuffer();
  const pickDepth = gl.createRenderbuffer();
  gl.bindRenderbuffer(gl.RENDERBUFFER, pickColour);
  gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, PICK_SIZE, PICK_SIZE);
  gl.bindRenderbuffer(gl.RENDERBUFFER, pickDepth);
  gl.renderbufferStorage(gl.RENDERBUFFER, gl.DEPTH_COMPONENT16, PICK_SIZE, PICK_SIZE);
  gl.bindFramebuffer(gl.FRAMEBUFFER, pickFramebuffer);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, pickColour);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.DEPTH_ATTACHMENT, gl.RENDERBUFFER, pickDepth);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  let pixelRatio = 1;
  let lastMatrix: Float32Array | null = null;

  /** One pass over all the points, into the bound framebuffer of `width` × `height` pixels. */
  const pass = (matrix: Float32Array, picking: boolean, width: number, height: number): void => {
    gl.viewport(0, 0, width, height);
    gl.enable(gl.DEPTH_TEST);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    gl.useProgram(prog);
    gl.bindVertexArray(vao);
    gl.uniformMatrix4fv(uMatrix, false, matrix);
    gl.uniform1f(uSize, POINT_SIZE * pixelRatio);
    gl.uniform1i(uPicking, picking ? 1 : 0);
    gl.drawArrays(gl.POINTS, 0, cloud.n);
  };

  return {
    kind: 'webgl2',
    draw(matrix) {
      lastMatrix = matrix;
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      pass(matrix, false, canvas.width, canvas.height);
    },
    pick(x, y) {
      if (!lastMatrix) return null;
      // The id colours of only the PICK_SIZE² pixels round the pointer: the view is magnified so that this
      // square fills the small picking framebuffer, and the points outside it are clipped before they are drawn.
      const R = PICK_RADIUS_PX;
      const r = Math.min(R, Math.ceil(PICK_RADIUS * pixelRatio));
      const centreX = ((x * pixelRatio) / canvas.width) * 2 - 1;
      const centreY = 1 - ((y * pixelRatio) / canvas.height) * 2;
      const sx = canvas.width / PICK_SIZE;
      const sy = canvas.height / PICK_SIZE;
      // prettier-ignore
      const zoomIn = new Float32Array([sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, 1, 0, -centreX * sx, -centreY * sy, 0, 1]);
      gl.bindFramebuffer(gl.FRAMEBUFFER, pickFramebuffer);
      pass(multiply(zoomIn, lastMatrix), true, PICK_SIZE, PICK_SIZE);
      const pixels = new Uint8Array(PICK_SIZE * PICK_SIZE * 4);
      gl.readPixels(0, 0, PICK_SIZE, PICK_SIZE, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      let best: number | null = null;
      let bestD = Infinity;
      for (let j = 0; j < PICK_SIZE; j++) {
        for (let i = 0; i < PICK_SIZE; i++) {
          const o = (j * PICK_SIZE + i) * 4;
          const index = pixels[o + 3] === 255 ? rgbToIndex(pixels[o]!, pixels[o + 1]!, pixels[o + 2]!) : null;
          const d = (i - R) ** 2 + (j - R) ** 2;
          if (index !== null && index < cloud.n && d < bestD && d <= r * r) {
            best = index;
            bestD = d;
          }
        }
      }
      return best;
    },
    setPoints(points) {
      cloud = { ...cloud, points };
      gl.bindBuffer(gl.ARRAY_BUFFER, positionBuffer);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, points, 0, cloud.n * 3);
    },
    resize(width, height, ratio) {
      pixelRatio = ratio;
      canvas.width = Math.max(1, Math.round(width * ratio));
      canvas.height = Math.max(1, Math.round(height * ratio));
    },
    destroy() {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}
