/**
 * chart.js, loaded only where a chart is shown (`import('#lib/charts/setup.js')` from the chart component):
 * only the controllers, elements and scales the dashboard uses are registered, so the rest of the library is
 * tree-shaken. Time axes are linear axes of timestamps with ticks on the first day of months (see builders.ts),
 * labelled by Intl: no date adapter to ship.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	type Plugin
} from 'chart.js';

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	Legend
);

// Drawn at once: no animation to wait for (printing, reduced motion, screenshots).
Chart.defaults.animation = false;
Chart.defaults.color = '#1b1d1f';
Chart.defaults.borderColor = '#d4d7db';
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.legend.labels.usePointStyle = false;

export { Chart };

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphical objects). */
export const colors = {
	accent: '#1b5b86',
	accentLight: '#5b8fb5',
	ok: '#1c6b3a',
	warn: '#9a6200',
	danger: '#a11d1a',
	neutral: '#5f6670',
	dark: '#1b1d1f'
};

export type PatternKind = 'solid' | 'stripes' | 'dots' | 'cross';

/** The part of a 2D context a pattern tile needs: the browser's canvas and @napi-rs/canvas both have it. */
export interface TileContext {
	fillStyle: unknown;
	strokeStyle: unknown;
	lineWidth: number;
	fillRect(x: number, y: number, w: number, h: number): void;
	beginPath(): void;
	moveTo(x: number, y: number): void;
	lineTo(x: number, y: number): void;
	arc(x: number, y: number, r: number, start: number, end: number): void;
	stroke(): void;
	fill(): void;
}

export const PATTERN_TILE = 8;

/** Draws a pattern's tile: stripes, dots or a cross-hatch in the colour, over white. */
export function drawTile(ctx: TileContext, kind: Exclude<PatternKind, 'solid'>, color: string): void {
	const size = PATTERN_TILE;
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, size, size);
	ctx.strokeStyle = color;
	ctx.fillStyle = color;
	ctx.lineWidth = kind === 'cross' ? 1.5 : 2;
	ctx.beginPath();
	if (kind === 'stripes') {
		ctx.moveTo(0, size);
		ctx.lineTo(size, 0);
		ctx.moveTo(-2, 2);
		ctx.lineTo(2, -2);
		ctx.moveTo(size - 2, size + 2);
		ctx.lineTo(size + 2, size - 2);
		ctx.stroke();
	} else if (kind === 'dots') {
		ctx.arc(size / 2, size / 2, 2, 0, Math.PI * 2);
		ctx.fill();
	} else {
		ctx.moveTo(0, size / 2);
		ctx.lineTo(size, size / 2);
		ctx.moveTo(size / 2, 0);
		ctx.lineTo(size / 2, size);
		ctx.stroke();
	}
}

/**
 * A fill that is not colour alone: stripes, dots or a cross-hatch over white, so that series stay apart in black
 * and white and for people who do not see the difference between two colours.
 */
export function pattern(kind: PatternKind, color: string): string | CanvasPattern {
	if (kind === 'solid' || typeof document === 'undefined') return color;
	const tile = document.createElement('canvas');
	tile.width = PATTERN_TILE;
	tile.height = PATTERN_TILE;
	const ctx = tile.getContext('2d');
	if (!ctx) return color;
	drawTile(ctx, kind, color);
	return ctx.createPattern(tile, 'repeat') ?? color;
}

/** Writes each bar's value at its end, so that a reader needs neither the axis nor the colour. */
export function valueLabels(format: (value: number) => string): Plugin<'bar'> {
	return {
		id: 'valueLabels',
		afterDatasetsDraw(chart) {
			const { ctx } = chart;
			const horizontal = chart.options.indexAxis === 'y';
			ctx.save();
			ctx.fillStyle = colors.dark;
			ctx.font = `600 12px ${Chart.defaults.font.family}`;
			chart.data.datasets.forEach((dataset, datasetIndex) => {
				const meta = chart.getDatasetMeta(datasetIndex);
				if (meta.hidden) return;
				meta.data.forEach((element, index) => {
					const raw = dataset.data[index];
					const value = typeof raw === 'number' ? raw : null;
					if (value === null || !Number.isFinite(value)) return;
					const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
					if (horizontal) {
						ctx.textAlign = 'left';
						ctx.textBaseline = 'middle';
						ctx.fillText(format(value), x + 4, y);
					} else {
						ctx.textAlign = 'center';
						ctx.textBaseline = 'bottom';
						ctx.fillText(format(value), x, y - 3);
					}
				});
			});
			ctx.restore();
		}
	};
}

export type ChartKit = typeof import('./setup.js');
