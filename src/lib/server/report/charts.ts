/**
 * The dashboard's charts (the same chart.js configurations, #lib/charts/builders.ts) drawn on the server with
 * @napi-rs/canvas, at the size they are printed and three times as sharp, as PNG images for the PDF.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { ChartConfiguration } from 'chart.js';
import * as setup from '#lib/charts/setup.js';
import type { ChartKit, PatternKind } from '#lib/charts/setup.js';
import { CHART_FONT, registerChartFonts } from './fonts.js';

/** Stripes, dots or a cross-hatch over white, as on screen (the same tile), so that bars stay apart in print. */
function pattern(kind: PatternKind, color: string): string | CanvasPattern {
	if (kind === 'solid') return color;
	const tile = createCanvas(setup.PATTERN_TILE, setup.PATTERN_TILE);
	const ctx = tile.getContext('2d');
	setup.drawTile(ctx, kind, color);
	return (ctx.createPattern(tile, 'repeat') as unknown as CanvasPattern | null) ?? color;
}

/** The chart kit of the browser, with the server's canvas for patterns. */
export function serverKit(): ChartKit {
	registerChartFonts();
	setup.Chart.defaults.font.family = CHART_FONT;
	setup.Chart.defaults.font.size = 11;
	return { ...setup, pattern };
}

/** Draws a configuration `width` × `height` points large and returns the PNG. */
export function renderChart(config: ChartConfiguration, width: number, height: number, scale = 3): Buffer {
	const canvas = createCanvas(Math.round(width), Math.round(height));
	const chart = new setup.Chart(
		canvas as unknown as HTMLCanvasElement,
		{
			...config,
			options: { ...config.options, responsive: false, animation: false, devicePixelRatio: scale }
		} as ChartConfiguration
	);
	const png = canvas.toBuffer('image/png');
	chart.destroy();
	return png;
}
