import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { ACTION_HEALTHS, ACTION_STATUSES } from '#lib/domain/status.js';
import { choice, optionalText, requiredDate, requiredNumber, uuid } from './fields.js';

/** Recording progress (public.record_action_update): the version is the one the form was loaded with. */
export const actionUpdateSchema = z
	.object({
		version: z.number().int().min(1),
		status: choice(ACTION_STATUSES),
		progress: z
			.number({ error: () => m.actions_error_progress() })
			.int({ error: () => m.actions_error_progress() })
			.min(0, { error: () => m.actions_error_progress() })
			.max(100, { error: () => m.actions_error_progress() }),
		health: choice(ACTION_HEALTHS),
		comment: optionalText(4000)
	})
	.refine((d) => d.status !== 'done' || d.progress === 100, {
		path: ['progress'],
		error: () => m.actions_error_done_needs_100()
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
