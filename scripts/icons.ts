/**
 * Draws the app icons of the web app manifest (src/pages/manifest.webmanifest.ts) from the
 * Tinker mark (the same drawing as public/favicon.svg): public/icons/icon-192.png,
 * icon-512.png (rounded square) and icon-maskable-512.png (full bleed, the mark inside the
 * central 80% safe zone). The PNGs are committed; run `node scripts/icons.ts` after changing the mark.
 */
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';

const BLUE = '#0a58a8';
const MARK = `<path d="M9 10h14M16 10v13" stroke="#fff" stroke-width="2.2" stroke-linecap="round" fill="none"/>
  <circle fill="#fff" cx="9" cy="10" r="2.6"/><circle fill="#fff" cx="23" cy="10" r="2.6"/><circle fill="#fff" cx="16" cy="23" r="2.6"/>`;

/** The rounded icon, as in the favicon. */
const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect fill="${BLUE}" width="32" height="32" rx="8"/>${MARK}</svg>`;
/** Maskable: the whole square is background; the mark (drawn in 0..32 with margins) is scaled to 60% around the centre. */
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect fill="${BLUE}" width="32" height="32"/><g transform="translate(16 16.5) scale(0.6) translate(-16 -16.5)">${MARK}</g></svg>`;

mkdirSync('public/icons', { recursive: true });
const outputs: [string, string, number][] = [
  ['public/icons/icon-192.png', rounded, 192],
  ['public/icons/icon-512.png', rounded, 512],
  ['public/icons/icon-maskable-512.png', maskable, 512],
];
for (const [file, svg, size] of outputs) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(file);
  console.log(`${file}: ${size}×${size}`);
}
