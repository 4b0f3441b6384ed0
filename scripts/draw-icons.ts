/**
 * Draws the two Teams app icons into appPackage/:
 * - color.png, 192x192: two people linked by a connection line on a blue-to-teal tile,
 *   with a consent check badge;
 * - outline.png, 32x32: the same two people and link, white on transparent.
 *
 * Shapes are described in a unit square and rasterised with 8x8 supersampling, so edges are
 * anti-aliased without a drawing library. The output is deterministic: running the script
 * again rewrites identical files, which the app package test checks.
 *
 * Usage: npx ts-node --transpile-only scripts/draw-icons.ts [outDir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
/** Is the point (x, y) of the unit square inside the shape? */
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  color: Rgb | ((x: number, y: number) => Rgb);
}

const SUPERSAMPLING = 8;

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

const roundedSquare =
  (inset: number, radius: number): Shape =>
  (x, y) => {
    const lo = inset + radius;
    const hi = 1 - inset - radius;
    const dx = Math.max(lo - x, 0, x - hi);
    const dy = Math.max(lo - y, 0, y - hi);
    return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
  };

/** A thick segment with round ends (a capsule). */
const segment =
  (x1: number, y1: number, x2: number, y2: number, halfWidth: number): Shape =>
  (x, y) => {
    const vx = x2 - x1;
    const vy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
    return (x - x1 - t * vx) ** 2 + (y - y1 - t * vy) ** 2 <= halfWidth * halfWidth;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);
const below =
  (shape: Shape, yMax: number): Shape =>
  (x, y) =>
    y <= yMax && shape(x, y);

/** A person: a round head over rounded shoulders cut flat at the bottom. */
function person(cx: number, top: number, scale: number): Shape {
  const head = circle(cx, top + 0.1 * scale, 0.095 * scale);
  const shoulders = below(ellipse(cx, top + 0.37 * scale, 0.17 * scale, 0.15 * scale), top + 0.37 * scale);
  return union(head, shoulders);
}

/** Two people facing each other, their heads linked by a line: a connection. */
function connectedPeople(scale: number, offsetY: number): Shape {
  const leftX = 0.5 - 0.19 * scale;
  const rightX = 0.5 + 0.19 * scale;
  const top = offsetY;
  const link = segment(leftX, top + 0.1 * scale, rightX, top + 0.1 * scale, 0.028 * scale);
  return union(person(leftX, top, scale), person(rightX, top, scale), link);
}

const BLUE: Rgb = [0x1d, 0x5f, 0xa8];
const TEAL: Rgb = [0x0f, 0x9b, 0x8e];
const WHITE: Rgb = [255, 255, 255];
const GREEN: Rgb = [0x16, 0x8a, 0x4a];

function diagonalGradient(from: Rgb, to: Rgb): (x: number, y: number) => Rgb {
  return (x, y) => {
    const t = Math.max(0, Math.min(1, (x + y) / 2));
    return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * t)) as unknown as Rgb;
  };
}

/** The check mark of the consent badge, as two capsules. */
function checkMark(cx: number, cy: number, size: number, halfWidth: number): Shape {
  return union(
    segment(cx - 0.45 * size, cy, cx - 0.12 * size, cy + 0.32 * size, halfWidth),
    segment(cx - 0.12 * size, cy + 0.32 * size, cx + 0.5 * size, cy - 0.3 * size, halfWidth),
  );
}

export function colorIconLayers(): Layer[] {
  const badgeX = 0.72;
  const badgeY = 0.72;
  return [
    { shape: roundedSquare(0, 0.2), color: diagonalGradient(BLUE, TEAL) },
    { shape: minus(connectedPeople(1, 0.2), circle(badgeX, badgeY, 0.165)), color: WHITE },
    { shape: circle(badgeX, badgeY, 0.13), color: WHITE },
    { shape: checkMark(badgeX, badgeY, 0.15, 0.025), color: GREEN },
  ];
}

export function outlineIconLayers(): Layer[] {
  return [{ shape: connectedPeople(1.15, 0.28), color: WHITE }];
}

/** Rasterises layers (painted in order, "over" compositing) into an RGBA PNG. */
export function render(size: number, layers: Layer[]): PNG {
  const png = new PNG({ width: size, height: size });
  const n = SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Sum the colours of the covered sub-samples of this pixel, and count them.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          // Opaque layers: the topmost layer covering the sub-sample gives its colour.
          let top = layers.length - 1;
          while (top >= 0 && !layers[top].shape(x, y)) top--;
          if (top < 0) continue;
          const fill = layers[top].color;
          const c = typeof fill === 'function' ? fill(x, y) : fill;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const idx = (py * size + px) * 4;
      const alpha = a / (n * n);
      png.data[idx] = a > 0 ? Math.round(r / a) : 0;
      png.data[idx + 1] = a > 0 ? Math.round(g / a) : 0;
      png.data[idx + 2] = a > 0 ? Math.round(b / a) : 0;
      png.data[idx + 3] = Math.round(alpha * 255);
    }
  }
  return png;
}

export function drawIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: PNG.sync.write(render(192, colorIconLayers())),
    outline: PNG.sync.write(render(32, outlineIconLayers())),
  };
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'appPackage'));
  const { color, outline } = drawIcons();
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'color.png'), color);
  fs.writeFileSync(path.join(outDir, 'outline.png'), outline);
  console.log(`Wrote color.png (192x192) and outline.png (32x32) to ${outDir}`);
}
