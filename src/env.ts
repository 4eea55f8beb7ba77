import { building } from '$app/env';
import { defineEnvVars } from '@sveltejs/kit/env';
import { z } from 'zod';

/**
 * A variable the running server needs, but that a build does not: `vite build` analyses the app without the
 * deployment's secrets, the server refuses to start without them.
 */
const requiredAtRunTime =
	<T>(schema: z.ZodType<T>, hint: string) =>
	(value: string | undefined): T => {
		if (value === undefined || value === '') {
			// Only `vite build` gets here without a value, and it never uses it.
			if (building) return undefined as never;
			throw new Error(`manquante : ${hint}`);
		}
		const parsed = schema.safeParse(value);
		if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'valeur invalide');
		return parsed.data;
	};

const url = z.url({ protocol: /^https?$/, error: 'doit être une URL http(s)' });
const optionalInt = (fallback: number, min: number, max: number) => (value: string | undefined) => {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max) throw new Error(`doit être un entier entre ${min} et ${max}`);
	return n;
};

/**
 * Environment of the server. The start commands fill the three Supabase variables from the local stack
 * when they are unset. Every variable stays server-side (`$app/env/private`): the browser never talks to
 * Supabase directly, all reads and writes go through the server as the signed-in user.
 */
export const variables = defineEnvVars({
	PUBLIC_SUPABASE_URL: {
		schema: requiredAtRunTime(url, 'l’URL du projet Supabase'),
		description: 'URL of the Supabase project (API gateway), e.g. https://xyz.supabase.co'
	},
	PUBLIC_SUPABASE_ANON_KEY: {
		schema: requiredAtRunTime(z.string().min(20, 'clé anon invalide'), 'la clé anon'),
		description: "The project's anon (publishable) key"
	},
	SUPABASE_SERVICE_ROLE_KEY: {
		schema: requiredAtRunTime(z.string().min(20, 'clé service_role invalide'), 'la clé service_role'),
		description: 'Service-role key: server-only jobs (notifications, invitations). Never sent to a browser.'
	},
	SUPABASE_READ_URL: {
		schema: (value: string | undefined) => {
			if (value === undefined || value === '') return undefined;
			const parsed = url.safeParse(value);
			if (!parsed.success) throw new Error('doit être une URL http(s)');
			return parsed.data;
		},
		description:
			'Optional API URL of a read replica (Supabase read replicas have their own endpoint): the reads that ' +
			"tolerate its lag (locals.supabaseRead) go there, with the user's JWT. Unset: every read goes to PUBLIC_SUPABASE_URL."
	},
	SUPABASE_SECRET_KEY: {
		schema: (value: string | undefined) => {
			if (value === undefined || value === '') return undefined;
			if (!value.startsWith('sb_secret_')) throw new Error('doit être une clé secrète sb_secret_…');
			return value;
		},
		description:
			'Optional secret API key (sb_secret_...): sign-in attempts are then limited per visitor, not per server ' +
			'(Sb-Forwarded-For; turn on IP address forwarding in Authentication → Rate Limits). Never sent to a browser.'
	},
	SMTP_URL: {
		schema: z.string().optional(),
		description: 'SMTP relay for notifications, e.g. smtp://user:password@smtp.example.org:587'
	},
	MAIL_FROM: {
		schema: z.string().optional(),
		description: 'Sender of notifications, e.g. "Chartes partenariales <no-reply@example.org>"'
	},
	NOTIFICATION_WORKER: {
		schema: z.enum(['on', 'off']).optional(),
		description: 'Run the notification sender inside the web server (default on)'
	},
	RETENTION_MONTHS: {
		schema: optionalInt(12, 1, 120),
		description: "Months after an internship's end before the intern's personal data is erased (default 12)"
	},
	SUPPORT_RETENTION_MONTHS: {
		schema: optionalInt(24, 1, 120),
		description:
			'Months after a support request is closed before the requester’s personal data is erased (default 24); the public form states it'
	},
	SERVER_TIMING: {
		schema: z.enum(['on', 'off']).optional(),
		description: 'Send a Server-Timing header with the time spent on each request (the benchmark reads it)'
	},
	AUTH_LINK_VALIDITY_MINUTES: {
		schema: optionalInt(60, 5, 1440),
		description:
			"How long the auth e-mails' links and codes work, in minutes: the project's e-mail OTP expiry " +
			'(Authentication → Providers → Email; default 60). The invitation e-mail states it.'
	},
	UNSUBSCRIBE_SECRET: {
		schema: z.string().optional(),
		description: 'Secret signing one-click unsubscribe links (default: derived from the service-role key)'
	}
});
