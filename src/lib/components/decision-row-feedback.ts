/**
 * What a row's small form shows after a post without JavaScript (or with): the page's `form` holds one
 * superforms result; its data names the row it was about. Pure, for the register, a meeting's decisions and
 * Mes actions.
 */
export interface RowFeedback {
	message: { kind: 'success' | 'error'; text: string } | null;
	errors: Record<string, string[] | undefined>;
}

type PostedForm = {
	id?: string;
	data?: Record<string, unknown>;
	message?: { kind: 'success' | 'error'; text: string };
	errors?: Record<string, unknown>;
};

/** The feedback of the posted form when it was about this row and this kind of form (its superforms id). */
export function rowFeedback(pageForm: unknown, rowId: string, formId?: string): RowFeedback | null {
	const form = (pageForm as { form?: PostedForm } | null)?.form;
	if (!form || form.data?.id !== rowId) return null;
	if (formId && form.id !== formId) return null;
	const errors: RowFeedback['errors'] = {};
	for (const [key, value] of Object.entries(form.errors ?? {})) {
		if (Array.isArray(value)) errors[key] = value.map(String);
	}
	return { message: form.message ?? null, errors };
}

/**
 * The success text of the posted form of this kind, shown above the list: a row marked done may leave a list
 * of open decisions, its own message with it.
 */
export function postedSuccess(pageForm: unknown, formId: string): RowFeedback['message'] {
	const form = (pageForm as { form?: PostedForm } | null)?.form;
	if (!form || form.id !== formId || form.message?.kind !== 'success') return null;
	return form.message;
}
