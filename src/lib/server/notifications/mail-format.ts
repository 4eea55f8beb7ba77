/** Small helpers shared by the e-mail templates (templates.ts, digests.ts). */
export type MailLocale = 'fr' | 'en';
export const isMailLocale = (value: unknown): value is MailLocale => value === 'fr' || value === 'en';

export interface MailContent {
	subject: string;
	/** Paragraphs separated by blank lines; lines starting with "- " are list items (see render.ts). */
	body: string;
}

type Message = (inputs?: Record<string, never>, options?: { locale?: MailLocale }) => string;
/** The label functions of labels.ts are paraglide messages, which take the locale as their second argument. */
export const say = <T extends string>(
	labels: Record<T, () => string>,
	value: unknown,
	locale: MailLocale
): string | null =>
	typeof value === 'string' && value in labels ? (labels[value as T] as unknown as Message)({}, { locale }) : null;

export const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value : null;
/** 2026-11-22 → 22/11/2026 (the app's date format, in both languages). */
export const date = (value: unknown): string => {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
	return match ? `${match[3]}/${match[2]}/${match[1]}` : '—';
};
