/**
 * The landing page of the e-mail links (`/auth/confirm?token_hash=…&type=…&next=…`).
 *
 * Mail filters in public administrations (Safe Links and the like) open every link of a message before the
 * person does. A one-time token spent on that GET would leave the person with a dead link, so the GET only
 * shows a button, and the token is verified when the person presses it (a POST, which scanners do not send).
 */
import type { EmailOtpType } from '@supabase/supabase-js';
import { z } from 'zod';

export const CONFIRM_TYPES = ['email', 'magiclink', 'signup', 'invite', 'recovery', 'email_change'] as const;
export type ConfirmType = (typeof CONFIRM_TYPES)[number] & EmailOtpType;

/** What the link carries; a token hash is hex (sha224), optionally prefixed `pkce_`. */
export const confirmSchema = z.object({
	token_hash: z
		.string()
		.max(200)
		.regex(/^[A-Za-z0-9_-]+$/),
	type: z.enum(CONFIRM_TYPES),
	next: z.string().max(500).optional()
});

export type ConfirmParams = z.infer<typeof confirmSchema>;

/** The link's parameters, or null when the link is not one of ours (then the sign-in page explains). */
export function confirmParams(url: URL): ConfirmParams | null {
	const parsed = confirmSchema.safeParse({
		token_hash: url.searchParams.get('token_hash') ?? '',
		type: url.searchParams.get('type') ?? '',
		next: url.searchParams.get('next') ?? undefined
	});
	return parsed.success ? parsed.data : null;
}

/**
 * Where a person goes once signed in. Invited people, those resetting a password, and anyone who has not
 * chosen their display name yet (it is in the user's metadata once chosen) first see the orientation page.
 */
export function afterConfirm(type: ConfirmType, next: string, nameChosen = true): string {
	return type === 'invite' || type === 'recovery' || !nameChosen
		? `/bienvenue?suivant=${encodeURIComponent(next)}`
		: next;
}

/** Whether the person chose the name their partners see (the orientation page stores it in the metadata). */
export const nameChosen = (metadata: Record<string, unknown> | undefined) =>
	typeof metadata?.display_name === 'string' && metadata.display_name.trim() !== '';

/** Where a dead or refused link sends the person: the sign-in page, which offers a new link or the code. */
export const linkFailed = (next: string) => `/connexion?erreur=lien&suivant=${encodeURIComponent(next)}`;

/** Which words the landing page uses for each kind of link. */
export type ConfirmPurpose = 'invite' | 'recovery' | 'email_change' | 'sign_in';
export const confirmPurpose = (type: ConfirmType): ConfirmPurpose =>
	type === 'invite' || type === 'recovery' || type === 'email_change' ? type : 'sign_in';
