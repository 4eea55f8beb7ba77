/** The members page's form that invites several addresses at once (one role for the batch). */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { choice, optionalUuid } from './fields.js';

/** The roles a batch may give: an elected official needs communes of their own, one by one. */
export const BULK_ROLES = ['partner_rep', 'steering', 'coordinator'] as const;
export const MAX_BULK_INVITES = 100;

export const bulkInvitationSchema = z.object({
	emails: z
		.string()
		.trim()
		.min(1, { error: () => m.invite_bulk_none() })
		.max(30_000, { error: () => m.admin_error_too_long({ max: 30_000 }) }),
	role: choice(BULK_ROLES),
	organizationId: optionalUuid()
});
