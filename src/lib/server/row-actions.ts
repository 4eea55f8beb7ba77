/**
 * Small row-level actions (reorder, delete, resend, roles...) answer with a `notice` shown above the list,
 * or with a `confirm` request the page turns into a confirmation box (deleting asks first, without
 * JavaScript as well: the box is a second form that posts again with confirm=1).
 */
import { fail } from '@sveltejs/kit';
import type { ErrorStatus } from './db-errors.js';

export interface Notice {
	kind: 'success' | 'error';
	text: string;
}

export interface ConfirmRequest {
	/** Form action to post to, e.g. "?/supprimerAction". */
	action: string;
	/** Hidden fields posted back with confirm=1. */
	fields: Record<string, string>;
	title: string;
	text: string;
	confirmLabel: string;
	/** A deletion loses data (red button); an archive keeps it. */
	danger: boolean;
}

export const success = (text: string) => ({ notice: { kind: 'success', text } as Notice });
export const failure = (status: ErrorStatus, text: string) =>
	fail(status, { notice: { kind: 'error', text } as Notice });
export const askConfirmation = (confirm: ConfirmRequest) => ({ confirm });

export const isConfirmed = (data: FormData) => data.get('confirm') === '1';
export const field = (data: FormData, name: string) => {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
};
