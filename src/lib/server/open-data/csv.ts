/**
 * The open-data CSV files of a published charter: UTF-8 with a BOM, `;` separated, French headers, raw numbers
 * and ISO dates, like the dashboard's exports (dashboard-export.ts writes them).
 */
import { directionLabels, label, statusLabels } from '#lib/labels.js';
import { m } from '#lib/paraglide/messages.js';
import { csv } from '../dashboard-export.js';
import { dayCell, type Cell } from '../export-rows.js';
import type { OpenIndicator, PlanRow } from './data.js';

export function planCsv(rows: PlanRow[]): string {
	return csv(
		[
			m.open_data_csv_objective_code(),
			m.open_data_csv_objective(),
			m.open_data_csv_action_code(),
			m.open_data_csv_action(),
			m.open_data_csv_lead(),
			m.open_data_csv_status(),
			m.open_data_csv_progress(),
			m.open_data_csv_due(),
			m.open_data_csv_overdue()
		],
		rows.map((r) => [
			r.objective_code,
			r.objective_title,
			r.action?.code ?? null,
			r.action?.title ?? null,
			r.action?.lead_name ?? null,
			r.action ? label(statusLabels, r.action.status) : null,
			r.action?.progress ?? null,
			dayCell(r.action?.due_on),
			r.action ? (r.action.is_overdue ? m.open_data_yes() : m.open_data_no()) : null
		])
	);
}

/** One row per measured value, then the baseline, the yearly targets and the final target of each indicator. */
export function indicatorRows(indicators: OpenIndicator[]): Cell[][] {
	return indicators.flatMap((i) => {
		const attached = i.action_code
			? m.open_data_attached_action({ code: i.action_code })
			: i.objective_code
				? m.open_data_attached_objective({ code: i.objective_code })
				: m.open_data_attached_charter();
		const head = [i.name, attached, i.unit, label(directionLabels, i.direction)];
		const rows: Cell[][] = i.values.map((v) => [
			...head,
			m.open_data_row_value(),
			dayCell(v.measured_on),
			Number(v.measured_on.slice(0, 4)),
			v.value,
			v.note
		]);
		if (i.baseline !== null) rows.push([...head, m.open_data_row_baseline(), null, null, i.baseline, null]);
		for (const t of i.targets) {
			rows.push([...head, m.open_data_row_year_target(), dayCell(`${t.year}-12-31`), t.year, t.target, t.note]);
		}
		if (i.target !== null) {
			rows.push([
				...head,
				m.open_data_row_final_target(),
				dayCell(i.target_on),
				i.target_on ? Number(i.target_on.slice(0, 4)) : null,
				i.target,
				null
			]);
		}
		return rows;
	});
}

export function indicatorsCsv(indicators: OpenIndicator[]): string {
	return csv(
		[
			m.open_data_csv_indicator(),
			m.open_data_csv_attached(),
			m.open_data_csv_unit(),
			m.open_data_csv_direction(),
			m.open_data_csv_kind(),
			m.open_data_csv_date(),
			m.open_data_csv_year(),
			m.open_data_csv_value(),
			m.open_data_csv_note()
		],
		indicatorRows(indicators)
	);
}
