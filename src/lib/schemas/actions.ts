import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { ACTION_HEALTHS, ACTION_STATUSES } from '#lib/domain/status.js';
import { formatNumber } from '#lib/format.js';
import { ACTION_COMMENT_MAX } from '#lib/domain/action-rules.js';
import {
	choice,
	optionalDate,
	optionalNumber,
	optionalText,
	optionalUuid,
	requiredDate,
	requiredNumber,
	uuid
} from './fields.js';

export { ACTION_COMMENT_MAX };

/** The kinds of a typed journal entry (public.update_kind). */
export const UPDATE_KINDS = ['fait_marquant', 'frein', 'arbitrage'] as const;

/**
 * Progress as typed, checked here rather than by the form parser: an empty field is an error (never 0), and
 * "45.5" or "45,5" is refused with a word rather than rounded or cut to 45.
 */
const progressText = () =>
	z
		.string()
		.trim()
		.default('')
		.superRefine((value, ctx) => {
			if (value === '') return ctx.addIssue({ code: 'custom', message: m.action_error_progress_empty() });
			if (/^\d{1,3}$/.test(value) && Number(value) <= 100) return;
			const decimal = Number(value.replace(',', '.'));
			ctx.addIssue({
				code: 'custom',
				message:
					Number.isFinite(decimal) && decimal >= 0 && decimal <= 100 && /^\d+[.,]\d+$/.test(value)
						? m.action_error_progress_decimal({ value, rounded: String(Math.round(decimal)) })
						: m.action_error_progress_range({ value })
			});
		});

/** A comment that is refused, with its length, when too long: never cut. */
const commentText = () =>
	z
		.string()
		.trim()
		.default('')
		.superRefine((value, ctx) => {
			if (value.length <= ACTION_COMMENT_MAX) return;
			ctx.addIssue({
				code: 'custom',
				message: m.action_error_comment_too_long({
					length: formatNumber(value.length),
					max: formatNumber(ACTION_COMMENT_MAX),
					over: formatNumber(value.length - ACTION_COMMENT_MAX)
				})
			});
		});

/**
 * Recording progress (public.record_action_update), and on the same post an optional value of one of the
 * action's indicators: one form, so that nothing typed in one part is lost by saving the other. The version is
 * the one the form was loaded with.
 */
export const actionUpdateSchema = z
	.object({
		version: z.number().int().min(1),
		status: choice(ACTION_STATUSES),
		progress: progressText(),
		health: choice(ACTION_HEALTHS),
		comment: commentText(),
		// A typed comment (PILOTE's): a highlight, an obstacle to remove, a need for arbitration; '' for none.
		kind: z.enum(['', ...UPDATE_KINDS], { error: () => m.admin_error_choice_required() }).default(''),
		indicatorId: optionalUuid(),
		measuredOn: optionalDate(),
		value: optionalNumber(-1e12, 1e12),
		note: optionalText(2000)
	})
	.superRefine((d, ctx) => {
		if (d.status === 'done' && d.progress !== '100')
			ctx.addIssue({ code: 'custom', path: ['progress'], message: m.actions_error_done_needs_100() });
		if (d.kind && !d.comment)
			ctx.addIssue({ code: 'custom', path: ['comment'], message: m.campaign_kind_needs_comment() });
		if (d.value === null) {
			if (d.note) ctx.addIssue({ code: 'custom', path: ['value'], message: m.action_value_note_without_value() });
			return;
		}
		if (!d.indicatorId)
			ctx.addIssue({ code: 'custom', path: ['indicatorId'], message: m.admin_error_choice_required() });
		if (!d.measuredOn) ctx.addIssue({ code: 'custom', path: ['measuredOn'], message: m.admin_error_date_required() });
	});

/** A dated value of an indicator. `valueId` is set when an existing value is corrected. */
export const indicatorValueSchema = z.object({
	indicatorId: uuid(),
	valueId: z.string().default(''),
	measuredOn: requiredDate(),
	value: requiredNumber(-1e12, 1e12),
	note: optionalText(2000)
});

export const deleteValueSchema = z.object({ valueId: uuid() });
