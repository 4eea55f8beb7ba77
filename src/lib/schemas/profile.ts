import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

export const welcomeSchema = z.object({
	displayName: z
		.string({ error: () => m.profile_name_required() })
		.trim()
		.min(2, { error: () => m.profile_name_required() })
		.max(120, { error: () => m.profile_name_too_long() }),
	password: z
		.string()
		.max(200)
		.refine((p) => p === '' || p.length >= 10, { error: () => m.profile_password_too_short() })
		.default(''),
	next: z.string().max(500).optional()
});
