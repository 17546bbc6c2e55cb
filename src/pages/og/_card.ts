/**
 * Turns a social card (src/lib/share/social-card.ts) into the PNG response of a build-time endpoint.
 * sharp (libvips) rasterises the SVG with the system's fonts (DejaVu Sans or Liberation Sans on Linux).
 */
import { socialCardSvg, type CardText } from '../../lib/share/social-card.ts';

export async function cardPng(card: CardText): Promise<Response> {
  let sharp: typeof import('sharp').default;
  try {
    sharp = (await import('sharp')).default;
  } catch (error) {
    throw new Error(
      `The social cards (og/*.png) are drawn with sharp, which could not be loaded: ${String(error)}. Run \`npm install\` (sharp comes with Astro) and build again.`,
    );
  }
  const png = await sharp(Buffer.from(socialCardSvg(card)))
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
