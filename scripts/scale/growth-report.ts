/**
 * The growth curve's figures and rows (bench/growth.ts measures, this formats): the dashboard SQL of one
 * charter of 200 actions at SCALE 0.1, 1 and 3 (a database 30 times larger), and of the 2 000-action charter.
 * Pure, so that the verdicts are tested (scripts/scale/growth-report.spec.ts).
 */

export interface GrowthRow {
	section: string;
	measure: string;
	value: string;
	target?: string;
	verdict?: 'ok' | 'missed' | '';
}

export interface GrowthPoint {
	scale: number;
	/** The charter measured and its number of actions. */
	slug: string;
	charterActions: number;
	p50: number;
	p95: number;
	databaseBytes: number;
	/** Rows in the whole database. */
	actions: number;
	actionUpdates: number;
	/** Seconds spent generating this data set in this run; null when an earlier one was reused. */
	seededSeconds: number | null;
}

/** The target: a 30 times larger database changes the dashboard time by less than this factor. */
export const GROWTH_TARGET = 1.2;

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const times = (v: number) => `× ${v.toFixed(2)}`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('fr-FR')} MB`;
const count = (n: number) => n.toLocaleString('fr-FR');
const scaleLabel = (s: number) => `SCALE ${s}`;

/**
 * Rows: each point's p50 / p95 with the size of its database, the ratios of the largest and smallest scales (the
 * target), and the 2 000-action charter against the 200-action one at the same scale (the cost per action: no
 * faster than linear is a ratio of at most 1).
 */
export function growthRows(points: GrowthPoint[], grande: GrowthPoint | null): GrowthRow[] {
	const section = 'Growth curve';
	const rows: GrowthRow[] = [];
	const sorted = [...points].sort((a, b) => a.scale - b.scale);
	for (const p of sorted) {
		rows.push({
			section,
			measure:
				`dashboard SQL of ${p.slug} at ${scaleLabel(p.scale)} (${count(p.actions)} actions, ` +
				`${count(p.actionUpdates)} journal entries, ${mb(p.databaseBytes)}): p50 / p95`,
			value: `${ms(p.p50)} / ${ms(p.p95)}`
		});
	}
	const smallest = sorted[0];
	const largest = sorted[sorted.length - 1];
	if (sorted.length >= 2 && smallest.p50 > 0) {
		for (const p of sorted.slice(1, -1)) {
			rows.push({
				section,
				measure: `dashboard SQL at ${scaleLabel(p.scale)} / ${scaleLabel(smallest.scale)} (p50)`,
				value: times(p.p50 / smallest.p50)
			});
		}
		const ratio = largest.p50 / smallest.p50;
		rows.push({
			section,
			measure:
				`dashboard SQL at ${scaleLabel(largest.scale)} / ${scaleLabel(smallest.scale)} (p50; database ` +
				`${times(largest.databaseBytes / smallest.databaseBytes)})`,
			value: times(ratio),
			target: `< × ${GROWTH_TARGET}`,
			verdict: ratio < GROWTH_TARGET ? 'ok' : 'missed'
		});
	}
	if (grande) {
		const base = sorted.find((p) => p.scale === grande.scale);
		rows.push({
			section,
			measure: `dashboard SQL of ${grande.slug} (${count(grande.charterActions)} actions) at ${scaleLabel(grande.scale)}: p50 / p95`,
			value: `${ms(grande.p50)} / ${ms(grande.p95)}`
		});
		if (base && base.p50 > 0 && base.charterActions > 0) {
			const perAction = grande.p50 / grande.charterActions / (base.p50 / base.charterActions);
			rows.push({
				section,
				measure:
					`cost per action, ${grande.slug} / ${base.slug} (p50 ÷ actions; the charter ` +
					`${times(grande.charterActions / base.charterActions)}, its time ${times(grande.p50 / base.p50)})`,
				value: times(perAction),
				target: '≤ × 1 (no faster than linear)',
				verdict: perAction <= 1 ? 'ok' : 'missed'
			});
		}
	}
	for (const p of sorted.filter((x) => x.seededSeconds !== null)) {
		rows.push({
			section,
			measure: `generating the ${scaleLabel(p.scale)} data set (this run)`,
			value: `${(p.seededSeconds as number).toFixed(0)} s`
		});
	}
	return rows;
}
