/**
 * chart.js configurations of the dashboard charts. They receive the lazily loaded kit (#lib/charts/setup.js)
 * instead of importing chart.js, so that this module stays in the page's bundle at almost no cost.
 * Every series differs by more than its colour: a pattern, a dash or a point shape, and a legend or an axis
 * label in words.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { ChartKit, PatternKind } from './setup.js';
import { formatDate, formatEuros, formatMonth, formatNumber, formatPercent } from '#lib/format.js';
import { monthAxis } from './month-axis.js';

export { monthTicks } from './month-axis.js';

/** Splits a long category label into lines, shorter on a narrow chart, so that no name is cut off. */
function wrapLabel(text: string, width: number): string | string[] {
	const max = width < 420 ? 14 : width < 700 ? 22 : 32;
	if (text.length <= max) return text;
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && (line + ' ' + word).length > max) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines.slice(0, 3);
}

/** Tick options of a category axis whose labels wrap. */
const categoryTicks = {
	autoSkip: false,
	callback(this: { getLabelForValue(v: number): string; chart: { width: number } }, value: number | string) {
		return wrapLabel(this.getLabelForValue(Number(value)), this.chart.width);
	}
};

export interface Bar {
	label: string;
	value: number;
	color: keyof ChartKit['colors'];
	pattern: PatternKind;
}

/** One horizontal bar per category (e.g. actions by status), its value written at its end. */
export function barsChart(kit: ChartKit, bars: Bar[], seriesLabel: string): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: bars.map((b) => b.label),
			datasets: [
				{
					label: seriesLabel,
					data: bars.map((b) => b.value),
					backgroundColor: bars.map((b) => kit.pattern(b.pattern, kit.colors[b.color])),
					borderColor: bars.map((b) => kit.colors[b.color]),
					borderWidth: 2,
					borderSkipped: false
				}
			]
		},
		options: {
			indexAxis: 'y',
			layout: { padding: { right: 32 } },
			plugins: {
				legend: { display: false },
				tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => ` ${formatNumber(item.parsed.x)}` } }
			},
			scales: {
				x: { beginAtZero: true, ticks: { precision: 0, callback: (v) => formatNumber(Number(v)) } },
				y: { grid: { display: false }, ticks: categoryTicks }
			}
		},
		plugins: [kit.valueLabels((v) => formatNumber(v))]
	};
}

export interface Series {
	label: string;
	values: (number | null)[];
	color: keyof ChartKit['colors'];
	pattern: PatternKind;
}

/** Several series per category, side by side or stacked (money by funder, contributions by partner). */
export function groupedBarsChart(
	kit: ChartKit,
	categories: string[],
	series: Series[],
	{ stacked = false, euros = false }: { stacked?: boolean; euros?: boolean } = {}
): ChartConfiguration<'bar'> {
	const format = (v: number) => (euros ? formatEuros(v) : formatNumber(v));
	return {
		type: 'bar',
		data: {
			labels: categories,
			datasets: series.map((s) => ({
				label: s.label,
				data: s.values,
				backgroundColor: kit.pattern(s.pattern, kit.colors[s.color]),
				borderColor: kit.colors[s.color],
				borderWidth: 2,
				borderSkipped: false
			}))
		},
		options: {
			indexAxis: 'y',
			layout: { padding: { right: stacked ? 8 : 72 } },
			plugins: {
				legend: { position: 'bottom', labels: { boxWidth: 28, boxHeight: 14 } },
				tooltip: {
					callbacks: {
						label: (item: TooltipItem<'bar'>) =>
							` ${item.dataset.label} : ${item.parsed.x === null ? '—' : format(item.parsed.x)}`
					}
				}
			},
			scales: {
				x: {
					stacked,
					beginAtZero: true,
					ticks: { precision: 0, callback: (v) => format(Number(v)), maxTicksLimit: 6 }
				},
				y: { stacked, grid: { display: false }, ticks: categoryTicks }
			}
		},
		plugins: stacked ? [] : [kit.valueLabels(format)]
	};
}

const day = (iso: string) => new Date(`${iso}T12:00:00Z`).getTime();
const DAY_MS = 86_400_000;

/** Overall progress month by month, on a time axis. */
export function trendChart(
	kit: ChartKit,
	points: { month: string; progress: number | null }[],
	label: string
): ChartConfiguration<'line'> {
	return {
		type: 'line',
		data: {
			datasets: [
				{
					label,
					data: points.map((p) => ({ x: day(p.month), y: p.progress ?? 0 })),
					borderColor: kit.colors.accent,
					backgroundColor: kit.colors.accent,
					borderWidth: 2.5,
					pointRadius: 3,
					pointStyle: 'circle',
					stepped: false,
					tension: 0
				}
			]
		},
		options: {
			parsing: false,
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						title: (items: TooltipItem<'line'>[]) => formatMonth(new Date(items[0].parsed.x ?? 0)),
						label: (item: TooltipItem<'line'>) => ` ${formatPercent(item.parsed.y)}`
					}
				}
			},
			scales: {
				x: monthAxis(Math.min(...points.map((p) => day(p.month))), Math.max(...points.map((p) => day(p.month))), 6),
				y: { min: 0, max: 100, ticks: { stepSize: 25, callback: (v) => formatPercent(Number(v)) } }
			}
		}
	};
}

export interface IndicatorChartInput {
	unit: string | null;
	baseline: number | null;
	target: number | null;
	target_on: string | null;
	values: { on: string; value: number }[];
	/** Targets per year (indicator_targets), drawn at 31/12 of their year. */
	targets?: { year: number; target: number }[];
}

/**
 * Dated values of an indicator (solid line, round points) against its baseline (dashed line), its target
 * (dotted line ending with a triangle at the target date) and its yearly targets (diamonds at 31/12, no line).
 */
export function indicatorChart(
	kit: ChartKit,
	indicator: IndicatorChartInput,
	labels: { values: string; baseline: string; target: string; yearTargets?: string }
): ChartConfiguration<'line'> {
	const yearly = (indicator.targets ?? []).map((t) => ({ x: day(`${t.year}-12-31`), y: Number(t.target) }));
	const xs = [...indicator.values.map((v) => day(v.on)), ...yearly.map((p) => p.x)];
	if (indicator.target_on) xs.push(day(indicator.target_on));
	let start = Math.min(...xs);
	let end = Math.max(...xs);
	// One date alone still gets a readable axis around it.
	if (end - start < 60 * DAY_MS) {
		start -= 90 * DAY_MS;
		end += 90 * DAY_MS;
	}
	const unit = indicator.unit ? ` ${indicator.unit}` : '';
	const datasets: ChartDataset<'line', { x: number; y: number }[]>[] = [
		{
			label: labels.values,
			data: indicator.values.map((v) => ({ x: day(v.on), y: Number(v.value) })),
			borderColor: kit.colors.accent,
			backgroundColor: kit.colors.accent,
			borderWidth: 2.5,
			pointRadius: 5,
			pointStyle: 'circle',
			tension: 0
		}
	];
	if (indicator.baseline !== null) {
		datasets.push({
			label: labels.baseline,
			data: [
				{ x: start, y: Number(indicator.baseline) },
				{ x: end, y: Number(indicator.baseline) }
			],
			borderColor: kit.colors.neutral,
			backgroundColor: kit.colors.neutral,
			borderDash: [8, 5],
			borderWidth: 2,
			pointRadius: 0,
			pointStyle: 'line'
		});
	}
	if (indicator.target !== null) {
		const targetEnd = indicator.target_on ? day(indicator.target_on) : end;
		datasets.push({
			label: labels.target,
			data: [
				{ x: start, y: Number(indicator.target) },
				{ x: targetEnd, y: Number(indicator.target) }
			],
			borderColor: kit.colors.ok,
			backgroundColor: kit.colors.ok,
			borderDash: [2, 4],
			borderWidth: 2.5,
			pointRadius: [0, 6],
			pointStyle: 'triangle'
		});
	}
	if (yearly.length) {
		datasets.push({
			label: labels.yearTargets ?? labels.target,
			data: yearly,
			borderColor: kit.colors.warn,
			backgroundColor: kit.colors.warn,
			showLine: false,
			pointRadius: 7,
			pointStyle: 'rectRot'
		});
	}
	return {
		type: 'line',
		data: { datasets },
		options: {
			parsing: false,
			plugins: {
				legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 24 } },
				tooltip: {
					callbacks: {
						title: (items: TooltipItem<'line'>[]) => formatDate(new Date(items[0].parsed.x ?? 0)),
						label: (item: TooltipItem<'line'>) => ` ${item.dataset.label} : ${formatNumber(item.parsed.y)}${unit}`
					}
				}
			},
			scales: {
				x: monthAxis(start, end, 4),
				y: {
					beginAtZero: true,
					grace: '10%',
					ticks: { callback: (v) => formatNumber(Number(v)), maxTicksLimit: 6 }
				}
			}
		}
	};
}
