/** Small helpers shared by the e-mail templates (templates.ts, digests.ts). */
export type MailLocale = 'fr' | 'en';
export const isMailLocale = (value: unknown): value is MailLocale => value === 'fr' || value === 'en';

export interface MailContent {
	subject: string;
	/** Paragraphs separated by blank lines; lines starting with "- " are list items (see render.ts). */
	body: string;
	/**
	 * A link of the app under a line of the body (`after`, the line exactly as in `body`): in the text, the address
	 * on the next line; in the HTML, a button. `path` is checked by render.ts (the app's own action pages only).
	 */
	links?: { after: string; label: string; path: string }[];
}

/** The address of an action's update form, as the reminders link to it (the page moves to its #mise-a-jour). */
export const actionUpdatePath = (slug: unknown, id: unknown): string | null =>
	typeof slug === 'string' && typeof id === 'string' && /^[a-z0-9-]{1,100}$/.test(slug) && /^[0-9a-f-]{36}$/.test(id)
		? `/chartes/${slug}/actions/${id}?formulaire=mise-a-jour#mise-a-jour`
		: null;
/** The same check on the way out (render.ts): nothing but an action's update form is linked from a line. */
export const isActionUpdatePath = (path: string): boolean =>
	/^\/chartes\/[a-z0-9-]{1,100}\/actions\/[0-9a-f-]{36}\?formulaire=mise-a-jour#mise-a-jour$/.test(path);

/** The address of a referral's page for the partner (installation support), straight to the request. */
export const referralPath = (id: unknown): string | null =>
	typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? `/demandes/${id}` : null;
/** The links render.ts lets through under a line: an action's update form, or a referral's page. */
export const isLinkablePath = (path: string): boolean =>
	isActionUpdatePath(path) || /^\/demandes\/[0-9a-f-]{36}$/.test(path);

type Message = (inputs?: Record<string, never>, options?: { locale?: MailLocale }) => string;
/** The label functions of labels.ts are paraglide messages, which take the locale as their second argument. */
export const say = <T extends string>(
	labels: Record<T, () => string>,
	value: unknown,
	locale: MailLocale
): string | null =>
	typeof value === 'string' && value in labels ? (labels[value as T] as unknown as Message)({}, { locale }) : null;

/** Text into HTML: every value of an e-mail's HTML part goes through it. */
export const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value : null;
/** 2026-11-22 → 22/11/2026 (the app's date format, in both languages). */
export const date = (value: unknown): string => {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
	return match ? `${match[3]}/${match[2]}/${match[1]}` : '—';
};
