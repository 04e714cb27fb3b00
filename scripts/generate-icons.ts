/**
 * Writes OnScript's mark: store/icon.svg and public/icon/<size>.png (which WXT lists as the manifest's icons).
 * Run after changing scripts/lib/icon.ts: `npx vite-node scripts/generate-icons.ts`. A unit test fails when the
 * committed files differ from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ICON_SIZES, encodePng, iconSvg, renderIcon } from './lib/icon';

const root = resolve(import.meta.dirname, '..');
mkdirSync(join(root, 'public', 'icon'), { recursive: true });
mkdirSync(join(root, 'store'), { recursive: true });
writeFileSync(join(root, 'store', 'icon.svg'), iconSvg());
for (const size of ICON_SIZES) writeFileSync(join(root, 'public', 'icon', `${size}.png`), encodePng(size, renderIcon(size)));
console.log(`Wrote store/icon.svg and public/icon/{${ICON_SIZES.join(',')}}.png`);
