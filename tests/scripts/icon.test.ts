import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, encodePng, iconSvg, renderIcon } from '../../scripts/lib/icon';

const root = join(import.meta.dirname, '..', '..');

/** The RGBA pixels of an 8-bit RGBA PNG whose rows are unfiltered, as scripts/lib/icon.ts writes them. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const rgba = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row += 1) {
    expect(raw[row * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(row * (width * 4 + 1) + 1, (row + 1) * (width * 4 + 1)), row * width * 4);
  }
  return { width, height, rgba };
}

describe('the icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is the mark the generator draws', (size) => {
    const committed = decodePng(readFileSync(join(root, 'public', 'icon', `${size}.png`)));
    expect([committed.width, committed.height]).toEqual([size, size]);
    expect(Buffer.from(committed.rgba).equals(Buffer.from(renderIcon(size)))).toBe(true);
  });

  it('store/icon.svg is the generator\'s SVG', () => {
    expect(readFileSync(join(root, 'store', 'icon.svg'), 'utf8')).toBe(iconSvg());
  });

  it('the encoder round-trips and the 16 px mark keeps contrast (white symbol on the teal square)', () => {
    const pixels = renderIcon(16);
    expect(decodePng(encodePng(16, pixels)).rgba).toEqual(pixels);
    let white = 0;
    let teal = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] !== 255) continue;
      if (pixels[i]! > 200 && pixels[i + 1]! > 200) white += 1;
      else if (pixels[i]! < 60) teal += 1;
    }
    // The symbol is solid at 16 px: enough fully white pixels, on a mostly teal ground.
    expect(white).toBeGreaterThan(12);
    expect(teal).toBeGreaterThan(100);
  });
});
