/**
 * All the points in one WebGL2 draw call (gl.POINTS, round sprites, depth-tested), and picking as the
 * TensorFlow Embedding Projector does it: the same points drawn once more into an offscreen
 * framebuffer the size of the canvas, each in a colour that encodes its index (lib/latent-view/pick.ts),
 * but only when asked (`preparePick`, once the camera has stopped) and read back whole into memory
 * asynchronously (a pixel-pack buffer and a fence, so the page never waits on the GPU), so a click is a
 * lookup in that copy (lib/latent-view/pick-buffer.ts). Drawing a new view, new positions or a new size
 * makes the copy stale; a pick on a stale copy draws and reads it back at once, blocking. Throws if WebGL2 is
 * missing, so the caller can fall back to canvas 2D.
 */
import { indexToRgb } from '../../lib/latent-view/pick.ts';
import { lookupPick, type PickBuffer } from '../../lib/latent-view/pick-buffer.ts';
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

const sameMatrix = (a: Float32Array | null, b: Float32Array): boolean => a !== null && a.every((v, i) => v === b[i]);

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

  // The offscreen picking target, the canvas's size: an RGBA8 colour buffer and a depth buffer, (re)sized when drawn into.
  const pickFramebuffer = gl.createFramebuffer();
  const pickColour = gl.createRenderbuffer();
  const pickDepth = gl.createRenderbuffer();
  const sizePickTarget = (width: number, height: number): void => {
    gl.bindRenderbuffer(gl.RENDERBUFFER, pickColour);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, width, height);
    gl.bindRenderbuffer(gl.RENDERBUFFER, pickDepth);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.DEPTH_COMPONENT16, width, height);
  };
  sizePickTarget(1, 1);
  gl.bindFramebuffer(gl.FRAMEBUFFER, pickFramebuffer);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, pickColour);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.DEPTH_ATTACHMENT, gl.RENDERBUFFER, pickDepth);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  let pixelRatio = 1;
  let lastMatrix: Float32Array | null = null;
  /** The id colours of the last prepared view, read back; null until the first. */
  let pickBuffer: PickBuffer | null = null;
  let pickStale = true;
  /** Counts the changes of view, points and size, so a read-back that finishes after another change is dropped. */
  let generation = 0;
  const invalidate = (): void => {
    pickStale = true;
    generation++;
  };
  /** The asynchronous read-back in flight: the pixels go to a GPU buffer, copied out once its fence has passed. */
  const pixelPack = gl.createBuffer();
  let inFlight: { sync: WebGLSync; generation: number } | null = null;
  let poll: number | null = null;

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

  /** Draws the id colours of the last drawn view into the picking framebuffer (left bound); false if nothing is drawn yet. */
  const drawIds = (): boolean => {
    if (!lastMatrix) return false;
    const { width, height } = canvas;
    if (!pickBuffer || pickBuffer.width !== width || pickBuffer.height !== height) {
      sizePickTarget(width, height);
      pickBuffer = { pixels: new Uint8Array(width * height * 4), width, height };
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pixelPack);
      gl.bufferData(gl.PIXEL_PACK_BUFFER, width * height * 4, gl.STREAM_READ);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, pickFramebuffer);
    pass(lastMatrix, true, width, height);
    return true;
  };

  /** The pick buffer now, blocking until the GPU has drawn it (a click before the camera has settled). */
  const prepareNow = (): void => {
    if (!pickStale || !drawIds()) return;
    gl.readPixels(0, 0, pickBuffer!.width, pickBuffer!.height, gl.RGBA, gl.UNSIGNED_BYTE, pickBuffer!.pixels);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    pickStale = false;
  };

  /** Copies the read-back out once its fence has passed (checked each animation frame, never waited on). */
  const collect = (): void => {
    poll = null;
    if (!inFlight) return;
    const status = gl.clientWaitSync(inFlight.sync, 0, 0);
    if (status === gl.TIMEOUT_EXPIRED) {
      poll = requestAnimationFrame(collect);
      return;
    }
    gl.deleteSync(inFlight.sync);
    if (status !== gl.WAIT_FAILED && inFlight.generation === generation && pickStale && pickBuffer) {
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pixelPack);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, pickBuffer.pixels);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      pickStale = false;
    }
    inFlight = null;
  };

  /** Starts drawing and reading back the pick buffer without blocking; `pickReady` turns true a frame or so later. */
  const preparePick = (): void => {
    if (!pickStale || inFlight?.generation === generation || !drawIds()) return;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pixelPack);
    gl.readPixels(0, 0, pickBuffer!.width, pickBuffer!.height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    if (inFlight) gl.deleteSync(inFlight.sync);
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!sync) return;
    gl.flush();
    inFlight = { sync, generation };
    poll ??= requestAnimationFrame(collect);
  };

  return {
    kind: 'webgl2',
    draw(matrix) {
      if (!sameMatrix(lastMatrix, matrix)) invalidate();
      lastMatrix = matrix;
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      pass(matrix, false, canvas.width, canvas.height);
    },
    get pickReady() {
      return !pickStale;
    },
    preparePick,
    pick(x, y) {
      prepareNow();
      if (!pickBuffer || pickStale) return null;
      return lookupPick(pickBuffer, x * pixelRatio, y * pixelRatio, Math.ceil(PICK_RADIUS * pixelRatio), cloud.n);
    },
    setPoints(points) {
      cloud = { ...cloud, points };
      invalidate();
      gl.bindBuffer(gl.ARRAY_BUFFER, positionBuffer);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, points, 0, cloud.n * 3);
    },
    resize(width, height, ratio) {
      pixelRatio = ratio;
      invalidate();
      canvas.width = Math.max(1, Math.round(width * ratio));
      canvas.height = Math.max(1, Math.round(height * ratio));
    },
    destroy() {
      if (poll !== null) cancelAnimationFrame(poll);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}
