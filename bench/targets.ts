/**
 * The targets of issue 17, in its order, from the figures of one run. A target whose figure was not measured
 * (its part not run, or the data set lacks what the page shows) is listed with the reason, neither met nor missed.
 */
import { ms, p50p95, percentile, type BenchRow } from './lib.ts';
import type { LoadResult } from './load.ts';
import { LOAD_PACES, loadP95 } from './load.ts';
import type { PageResults } from './pages.ts';
import type { Target } from './report.ts';
import type { SqlFloors } from './sql.ts';
import type { Weight } from './weight.ts';

export interface Results {
	sql?: SqlFloors;
	pages?: PageResults;
	demandes?: number[];
	weight?: Weight;
	load?: LoadResult;
	growth?: { rows: BenchRow[] };
}

const notRun = (what: string, target: string, why = 'not run (BENCH_ONLY)'): Target => ({
	what,
	figure: why,
	target,
	met: null
});

/** p95 rows of pages against one limit: every page listed, met when all are. */
function pagesTarget(what: string, limit: number, pages: { label: string; times: number[] | null; note?: string }[]) {
	const measured = pages.filter((p) => p.times);
	const figure = pages
		.map((p) => (p.times ? `${p.label}: p95 ${ms(percentile(p.times, 95))}` : `${p.label}: ${p.note ?? 'no data'}`))
		.join('; ');
	return {
		what,
		figure,
		target: `p95 ≤ ${limit} ms`,
		met: measured.length ? measured.every((p) => percentile(p.times!, 95) <= limit) : null
	};
}

export function targets(r: Results): Target[] {
	const out: Target[] = [];
	if (r.sql) {
		const floor = percentile(r.sql.dashboard, 50);
		const bare = percentile(r.sql.bare, 50);
		out.push(
			{
				what: 'dashboard SQL (charter_dashboard, as owner) p50',
				figure: ms(floor),
				target: '≤ 10 ms',
				met: floor <= 10
			},
			{
				what: 'the same, as a ratio to the bare aggregate of the charter’s actions (same run, interleaved)',
				figure: `× ${(floor / bare).toFixed(1)} (${ms(floor)} / ${ms(bare)})`,
				target: '≤ × 5',
				met: floor / bare <= 5
			}
		);
	} else out.push(notRun('dashboard SQL p50', '≤ 10 ms'), notRun('ratio to the bare aggregate', '≤ × 5'));
	if (r.pages) {
		const p = r.pages;
		out.push(
			pagesTarget('dashboard page p95 (Server-Timing, whole path)', 40, [
				p['dashboard-partner'],
				p['dashboard-coordinator']
			]),
			pagesTarget('cross-charter view /chartes, 20 charters, p95', 50, [
				p['overview-partner'],
				p['overview-coordinator']
			]),
			pagesTarget('Mes actions, representative in 20 charters, p95', 40, [p['mes-actions']]),
			pagesTarget('Demandes, meeting page, decisions register, p95', 40, [
				r.demandes
					? { label: 'Demandes, partner representative', times: r.demandes }
					: { label: 'Demandes', times: null, note: 'not run (BENCH_ONLY: support)' },
				p['meeting-held'],
				p['meeting-next'],
				p.decisions
			]),
			pagesTarget('2 000-action charter’s dashboard p95', 120, [p.grande])
		);
	} else
		out.push(
			notRun('dashboard page p95', '≤ 40 ms'),
			notRun('cross-charter view p95', '≤ 50 ms'),
			notRun('Mes actions p95', '≤ 40 ms'),
			notRun('Demandes, meeting page, decisions register p95', '≤ 40 ms'),
			notRun('2 000-action charter’s dashboard p95', '≤ 120 ms')
		);
	if (r.weight) {
		const w = r.weight;
		out.push({
			what: 'dashboard HTML (gzip) / JavaScript (gzip, all chunks), partner representative',
			figure: `${(w.htmlGzip / 1024).toFixed(1)} kB (${(w.htmlRaw / 1024).toFixed(0)} kB raw) / ${(w.js / 1024).toFixed(1)} KB`,
			target: '≤ 40 kB / ≤ 120 KB',
			met: w.htmlGzip <= 40 * 1024 && w.js <= 120 * 1024
		});
	} else out.push(notRun('dashboard HTML / JavaScript (gzip)', '≤ 40 kB / ≤ 120 KB'));
	if (r.load) {
		const l = r.load;
		const per = loadP95(l).filter((p) => p.count > 0);
		const worst = per.reduce((a, b) => (b.p95 > a.p95 ? b : a), per[0]);
		out.push({
			what: `${l.users} signed-in users browsing and updating for ${l.seconds} s (${LOAD_PACES[l.pace][0] / 1000}–${LOAD_PACES[l.pace][1] / 1000} s between pages)`,
			figure: `${l.errors.length} errors; worst p95 ${worst ? `${ms(worst.p95)} (${worst.page})` : 'none'}`,
			target: 'no errors, p95 of every page ≤ 300 ms',
			met: l.errors.length === 0 && per.every((p) => p.p95 <= 300)
		});
	} else out.push(notRun('200 signed-in users for 60 s', 'no errors, p95 ≤ 300 ms'));
	const growthRows = r.growth?.rows ?? [];
	const judged = growthRows.filter((g) => g.verdict === 'ok' || g.verdict === 'missed');
	out.push({
		what: 'growth: the same charter’s dashboard at SCALE 0.1, 1, 3 (and the 2 000-action charter)',
		figure: r.growth
			? growthRows.length
				? judged.map((g) => `${g.measure}: ${g.value}`).join('; ') || 'see the growth rows'
				: 'no rows (bench/growth.ts not there yet)'
			: 'not run (BENCH_ONLY)',
		target: '30× the data: < × 1.2; the big charter no faster than linear',
		met: judged.length ? judged.every((g) => g.verdict === 'ok') : null
	});
	return out;
}

/** The detail rows of the pages: p50 / p95 and where the time goes. */
export function pageRows(pages: PageResults, breakdowns: Record<string, { auth: number[]; api: number[] }>) {
	const rows: BenchRow[] = [];
	for (const [key, p] of Object.entries(pages)) {
		if (!p.times) {
			rows.push({ section: 'Pages (Server-Timing, whole path)', measure: p.label, value: p.note ?? 'no data' });
			continue;
		}
		rows.push({
			section: 'Pages (Server-Timing, whole path)',
			measure: `${p.label}: p50 / p95`,
			value: p50p95(p.times)
		});
		const b = breakdowns[key];
		if (b)
			rows.push({
				section: 'Where the time goes (p50)',
				measure: p.label,
				value: `whole ${ms(percentile(p.times, 50))}: session check ${ms(percentile(b.auth, 50))}, API calls ${ms(percentile(b.api, 50))} (summed, some run in parallel)`
			});
	}
	return rows;
}
