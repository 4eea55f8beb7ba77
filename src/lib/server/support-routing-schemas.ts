/**
 * The forms of a request's follow-up: the coordinator's (status and outcome, owner, routing a need, withdrawing
 * a referral, a note, erasure) and the partner's (answer, note). The database checks the same again
 * (support_requests checks, referrals' unique need per organization, the journal's triggers).
 */
import { z } from 'zod';
import { Constants } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { eraseConfirmSchema } from '#lib/schemas/erase.js';
import {
	choice,
	communeCodes,
	optionalDate,
	optionalText,
	optionalUuid,
	requiredDate,
	requiredText,
	uuid
} from '#lib/schemas/fields.js';

const enums = Constants.public.Enums;
export const SUPPORT_STATUSES = enums.support_status;
export const SUPPORT_NEEDS = enums.support_need;
export const PRACTICE_MODES = enums.practice_mode;

export const statusSchema = z
	.object({
		status: choice(enums.support_status),
		installedOn: optionalDate(),
		installedCommune: communeCodes(),
		installedMode: z.union([z.literal(''), z.enum(enums.practice_mode)]).default(''),
		outcomeNote: optionalText(1000)
	})
	.superRefine((d, ctx) => {
		// zod runs this even when a field failed: look only at what is a string.
		if (d.status === 'installed') {
			if (d.installedOn === '')
				ctx.addIssue({ code: 'custom', path: ['installedOn'], message: m.routing_installed_on_required() });
			if (typeof d.installedCommune === 'string' && d.installedCommune.trim() === '')
				ctx.addIssue({ code: 'custom', path: ['installedCommune'], message: m.routing_installed_commune_required() });
			if (d.installedMode === '')
				ctx.addIssue({ code: 'custom', path: ['installedMode'], message: m.routing_installed_mode_required() });
		}
		if (d.status === 'abandoned' && typeof d.outcomeNote === 'string' && d.outcomeNote === '')
			ctx.addIssue({ code: 'custom', path: ['outcomeNote'], message: m.routing_abandoned_reason_required() });
	});
export type StatusForm = z.infer<typeof statusSchema>;

export const ownerSchema = z.object({ ownerId: optionalUuid() });

export const routeSchema = z.object({
	need: choice(enums.support_need),
	organizationId: uuid(),
	dueOn: requiredDate(),
	note: optionalText(2000)
});

export const withdrawSchema = z.object({ referralId: uuid() });

export const noteSchema = z.object({
	kind: z.enum(['note', 'contact']).default('note'),
	body: requiredText(4000)
});

export const eraseSchema = eraseConfirmSchema(() => m.routing_erase_confirm_required());

export const answerSchema = z.object({
	decision: choice(['accepted', 'declined', 'done'] as const),
	body: optionalText(4000)
});
