/**
 * The columns the coordinators' forms write, built once from the parsed form for the page that creates a row
 * and the page that edits it.
 */
import type { z } from 'zod';
import type { charterSchema, fundingSchema, indicatorSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { attachmentColumns } from './plan-options.js';

type CharterDetails = Pick<
	z.output<typeof charterSchema>,
	| 'title'
	| 'shortTitle'
	| 'scopeLevel'
	| 'territoryCode'
	| 'territoryLabel'
	| 'signedOn'
	| 'startsOn'
	| 'endsOn'
	| 'summary'
>;

/** The charter's fields shared by its creation and its settings page. */
export const charterDetailsColumns = (d: CharterDetails) => ({
	title: d.title,
	short_title: orNull(d.shortTitle),
	scope_level: d.scopeLevel,
	territory_code: orNull(d.territoryCode),
	territory_label: orNull(d.territoryLabel),
	signed_on: orNull(d.signedOn),
	starts_on: orNull(d.startsOn),
	ends_on: orNull(d.endsOn),
	summary: orNull(d.summary)
});

export const fundingColumns = (d: z.output<typeof fundingSchema>) => ({
	organization_id: d.organizationId,
	action_id: orNull(d.actionId),
	source: d.source,
	year: d.year,
	planned_amount: d.plannedAmount,
	committed_amount: d.committedAmount,
	paid_amount: d.paidAmount,
	note: orNull(d.note)
});

export const indicatorColumns = (d: z.output<typeof indicatorSchema>) => ({
	...attachmentColumns(d.attachment),
	name: d.name,
	unit: orNull(d.unit),
	baseline: d.baseline,
	target: d.target,
	target_on: orNull(d.targetOn),
	direction: d.direction,
	note: orNull(d.note),
	source: d.source
});
