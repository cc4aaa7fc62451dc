import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png';

/**
 * Draws the Teams app icons: a shield with a check mark, for "who answers for this system, and has this year's
 * follow-up been done". Drawn from geometry rather than kept as hand-made binaries, so the icons can be redrawn
 * (and reviewed) from this file:
 *
 *   npx ts-node --transpile-only scripts/drawIcons.ts
 *
 * color.png is 192x192 in full colour; outline.png is 32x32, white on transparent, as Teams requires.
 */

type Point = readonly [number, number];

/** The app's accent colour; appPackage/manifest.json's accentColor is the same. */
export const accentColour: readonly [number, number, number] = [0x1f, 0x5c, 0x99];

function quadratic(from: Point, control: Point, to: Point, steps: number): Point[] {
  const points: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * from[0] + 2 * u * t * control[0] + t * t * to[0],
      u * u * from[1] + 2 * u * t * control[1] + t * t * to[1],
    ]);
  }
  return points;
}

function cubic(from: Point, control1: Point, control2: Point, to: Point, steps: number): Point[] {
  const points: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * u * from[0] + 3 * u * u * t * control1[0] + 3 * u * t * t * control2[0] + t * t * t * to[0],
      u * u * u * from[1] + 3 * u * u * t * control1[1] + 3 * u * t * t * control2[1] + t * t * t * to[1],
    ]);
  }
  return points;
}

/** The shield's outline in a unit square, clockwise from the top centre; the left half mirrors the right. */
function shieldOutline(): Point[] {
  const top: Point = [0.5, 0.06];
  const shoulder: Point = [0.86, 0.19];
  const hip: Point = [0.86, 0.47];
  const tip: Point = [0.5, 0.94];
  const right: Point[] = [
    top,
    ...quadratic(top, [0.66, 0.17], shoulder, 16),
    hip,
    ...cubic(hip, [0.86, 0.72], [0.68, 0.86], tip, 32),
  ];
  const left = right
    .slice(1, -1)
    .reverse()
    .map(([x, y]): Point => [1 - x, y]);
  return [...right, ...left];
}

const checkMark: Point[] = [
  [0.34, 0.51],
  [0.46, 0.64],
  [0.68, 0.38],
];

function insidePolygon(polygon: readonly Point[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(from: Point, to: Point, x: number, y: number): number {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((x - from[0]) * dx + (y - from[1]) * dy) / lengthSquared));
  return Math.hypot(x - (from[0] + t * dx), y - (from[1] + t * dy));
}

/** Within half the width of the path: a stroke with round caps and joins. */
function onStroke(path: readonly Point[], closed: boolean, halfWidth: number, x: number, y: number): boolean {
  const segments = closed ? path.length : path.length - 1;
  for (let i = 0; i < segments; i++) {
    if (distanceToSegment(path[i] as Point, path[(i + 1) % path.length] as Point, x, y) <= halfWidth)
      return true;
  }
  return false;
}

type Colour = readonly [number, number, number, number];

/**
 * Renders by sampling a grid inside every pixel and averaging, which anti-aliases the edges. `colourAt` gets
 * coordinates in the unit square of the symbol, which sits at `symbolOffset` with size `symbolSize` (pixels).
 */
function render(
  size: number,
  symbolOffset: number,
  symbolSize: number,
  colourAt: (x: number, y: number) => Colour,
): RgbaImage {
  const samplesPerAxis = 6;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (px + (sx + 0.5) / samplesPerAxis - symbolOffset) / symbolSize;
          const y = (py + (sy + 0.5) / samplesPerAxis - symbolOffset) / symbolSize;
          const [r, g, b, a] = colourAt(x, y);
          // Premultiplied, so transparent samples do not darken the edge colour.
          red += r * a;
          green += g * a;
          blue += b * a;
          alpha += a;
        }
      }
      const index = (py * size + px) * 4;
      const samples = samplesPerAxis * samplesPerAxis;
      // Fully transparent pixels are stored as transparent white: an outline icon holds no other colour.
      pixels[index] = alpha === 0 ? 255 : Math.round(red / alpha);
      pixels[index + 1] = alpha === 0 ? 255 : Math.round(green / alpha);
      pixels[index + 2] = alpha === 0 ? 255 : Math.round(blue / alpha);
      pixels[index + 3] = Math.round(alpha / samples);
    }
  }
  return { width: size, height: size, pixels };
}

/** 192x192: a white shield with an accent-coloured check on an accent background, symbol about 100 px high. */
export function drawColorIcon(): RgbaImage {
  const shield = shieldOutline();
  const [r, g, b] = accentColour;
  const accent: Colour = [r, g, b, 255];
  const white: Colour = [255, 255, 255, 255];
  return render(192, 38, 116, (x, y) => {
    if (!insidePolygon(shield, x, y)) return accent;
    return onStroke(checkMark, false, 0.05, x, y) ? accent : white;
  });
}

/** 32x32: the same shield as a white line drawing on a transparent background. */
export function drawOutlineIcon(): RgbaImage {
  const shield = shieldOutline();
  const white: Colour = [255, 255, 255, 255];
  const transparent: Colour = [255, 255, 255, 0];
  return render(32, 1, 30, (x, y) =>
    onStroke(shield, true, 0.04, x, y) || onStroke(checkMark, false, 0.05, x, y) ? white : transparent,
  );
}

export const iconFiles = {
  color: { file: 'color.png', draw: drawColorIcon },
  outline: { file: 'outline.png', draw: drawOutlineIcon },
} as const;

if (require.main === module) {
  const appPackageDir = path.resolve(__dirname, '..', 'appPackage');
  for (const { file, draw } of Object.values(iconFiles)) {
    const target = path.join(appPackageDir, file);
    writeFileSync(target, encodePng(draw()));
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
}
