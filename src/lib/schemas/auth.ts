import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

// Messages are functions so that they are translated at validation time, in the request's locale.
const email = z
	.string({ error: () => m.auth_email_required() })
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.auth_email_required() })
	.max(254, { error: () => m.auth_email_invalid() })
	.pipe(z.email({ error: () => m.auth_email_invalid() }));

export const magicLinkSchema = z.object({
	email,
	next: z.string().max(500).optional()
});

export const passwordSignInSchema = z.object({
	email,
	password: z
		.string({ error: () => m.auth_password_required() })
		.min(1, { error: () => m.auth_password_required() })
		.max(200),
	next: z.string().max(500).optional()
});

/** The 6-digit code of the auth e-mails, typed on the sign-in page instead of opening the link. */
export const codeSignInSchema = z.object({
	email,
	code: z
		.string({ error: () => m.code_required() })
		.transform((s) => s.replace(/\s+/g, ''))
		.pipe(
			z
				.string()
				.min(1, { error: () => m.code_required() })
				.regex(/^\d{6}$/, { error: () => m.code_invalid_format() })
		),
	next: z.string().max(500).optional()
});
