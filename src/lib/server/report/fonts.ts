/**
 * The report's fonts, DejaVu Sans Condensed from the `dejavu-fonts-ttf` package: no system font is relied on
 * (CI machines may have none), and it has every glyph French figures need (the narrow no-break space of
 * 600 000 €, ’, «, —, œ).
 */
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

const require = createRequire(import.meta.url);
const ttf = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

export const FONTS = {
	regular: ttf('DejaVuSansCondensed'),
	bold: ttf('DejaVuSansCondensed-Bold'),
	italic: ttf('DejaVuSansCondensed-Oblique')
} as const;

/** The family charts are drawn with (registered once with the canvas). */
export const CHART_FONT = 'DejaVu Sans Condensed Report';

let registered = false;
export function registerChartFonts(): void {
	if (registered) return;
	GlobalFonts.registerFromPath(FONTS.regular, CHART_FONT);
	GlobalFonts.registerFromPath(FONTS.bold, CHART_FONT);
	registered = true;
}
