/**
 * OnScript's mark, defined once as geometry: a teal rounded square with a white "power on" symbol (a ring open at the
 * top and a bar through the gap), bold enough to read at 16 px. The same geometry gives the SVG (store/icon.svg) and
 * the PNGs the manifest lists (public/icon/<size>.png), so the two cannot disagree; tests/scripts/icon.test.ts
 * regenerates both and compares them with the committed files. Node only; no image library is needed.
 */
import { deflateSync } from 'node:zlib';

/** The sizes the manifest and the stores ask for. */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/** Design units: the mark is drawn on a 128 × 128 grid. */
const GRID = 128;
const BACKGROUND = { x: 4, y: 4, size: 120, radius: 28, color: [0x0f, 0x76, 0x6e] as const };
const RING = { cx: 64, cy: 68, inner: 27, outer: 39, gapDegrees: 40 };
const BAR = { x: 58, y: 20, width: 12, height: 46 };
const WHITE = [0xff, 0xff, 0xff] as const;

/** The mark as SVG text. */
export function iconSvg(): string {
  const middle = (RING.inner + RING.outer) / 2;
  const half = (RING.gapDegrees * Math.PI) / 180;
  const startX = RING.cx + middle * Math.sin(half);
  const endX = RING.cx - middle * Math.sin(half);
  const y = RING.cy - middle * Math.cos(half);
  const round = (value: number) => Number(value.toFixed(3));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${GRID} ${GRID}" width="${GRID}" height="${GRID}">`,
    `  <rect x="${BACKGROUND.x}" y="${BACKGROUND.y}" width="${BACKGROUND.size}" height="${BACKGROUND.size}" rx="${BACKGROUND.radius}" fill="#0f766e"/>`,
    `  <path d="M ${round(startX)} ${round(y)} A ${middle} ${middle} 0 1 1 ${round(endX)} ${round(y)}" fill="none" stroke="#ffffff" stroke-width="${RING.outer - RING.inner}"/>`,
    `  <rect x="${BAR.x}" y="${BAR.y}" width="${BAR.width}" height="${BAR.height}" fill="#ffffff"/>`,
    '</svg>',
    '',
  ].join('\n');
}

/** What covers a point of the grid: nothing, the background, or the white symbol. */
function paintAt(x: number, y: number): readonly [number, number, number] | undefined {
  if (inBar(x, y) || inRing(x, y)) return WHITE;
  return inBackground(x, y) ? BACKGROUND.color : undefined;
}

function inBackground(x: number, y: number): boolean {
  const { x: left, y: top, size, radius } = BACKGROUND;
  if (x < left || y < top || x > left + size || y > top + size) return false;
  const dx = Math.max(left + radius - x, 0, x - (left + size - radius));
  const dy = Math.max(top + radius - y, 0, y - (top + size - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function inRing(x: number, y: number): boolean {
  const dx = x - RING.cx;
  const dy = y - RING.cy;
  const distance = Math.hypot(dx, dy);
  if (distance < RING.inner || distance > RING.outer) return false;
  // Angle from straight up; the gap is the top `gapDegrees` either side.
  const fromTop = (Math.abs(Math.atan2(dx, -dy)) * 180) / Math.PI;
  return fromTop >= RING.gapDegrees;
}

function inBar(x: number, y: number): boolean {
  return x >= BAR.x && x <= BAR.x + BAR.width && y >= BAR.y && y <= BAR.y + BAR.height;
}

/** The mark at `size` px as straight-alpha RGBA, 8 × 8 samples per pixel. */
export function renderIcon(size: number): Uint8Array {
  const samples = 8;
  const pixels = new Uint8Array(size * size * 4);
  const scale = GRID / size;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const paint = paintAt((column + (sx + 0.5) / samples) * scale, (row + (sy + 0.5) / samples) * scale);
          if (!paint) continue;
          red += paint[0];
          green += paint[1];
          blue += paint[2];
          covered += 1;
        }
      }
      const offset = (row * size + column) * 4;
      if (covered > 0) {
        pixels[offset] = Math.round(red / covered);
        pixels[offset + 1] = Math.round(green / covered);
        pixels[offset + 2] = Math.round(blue / covered);
        pixels[offset + 3] = Math.round((covered * 255) / (samples * samples));
      }
    }
  }
  return pixels;
}

/** Encodes straight-alpha RGBA as a PNG (8-bit RGBA, no filtering). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row += 1) {
    raw[row * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + row * size * 4, size * 4).copy(raw, row * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
