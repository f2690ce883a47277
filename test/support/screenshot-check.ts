/**
 * Checks that a screenshot shows something: decodes the PNG in the page itself (no image
 * library needed) and measures how many distinct colors and non-white pixels it has.
 */
import type { Page } from 'playwright-core';

/** Color statistics of a PNG screenshot. */
export interface ScreenshotStats {
  readonly distinctColors: number;
  readonly nonWhiteRatio: number;
}

// Runs in the browser; kept as source text because the Node-side tsconfig has no DOM types.
const MEASURE = `async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const g = canvas.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
  const colors = new Set();
  let nonWhite = 0;
  let samples = 0;
  for (let i = 0; i < d.length; i += 16) {
    samples++;
    colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) nonWhite++;
  }
  return { distinctColors: colors.size, nonWhiteRatio: nonWhite / samples };
}`;

/** Samples every 4th pixel of the PNG. */
export async function screenshotStats(page: Page, png: Buffer): Promise<ScreenshotStats> {
  return page.evaluate(`(${MEASURE})(${JSON.stringify(png.toString('base64'))})`) as Promise<ScreenshotStats>;
}
