import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { charterSchema } from '#lib/schemas/admin.js';
import { orNull } from '#lib/schemas/fields.js';
import { charterDetailsColumns } from '#lib/server/admin-rows.js';
import { closes } from '#lib/server/archive/close.js';
import { archiveOnClose } from '#lib/server/archive/file.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, mustChange } from '#lib/server/form-action.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { charter } = await parent();
	return {
		form: await superValidate(
			{
				title: charter.title,
				shortTitle: charter.short_title ?? '',
				scopeLevel: charter.scope_level,
				territoryCode: charter.territory_code ?? '',
				territoryLabel: charter.territory_label ?? '',
				signedOn: charter.signed_on ?? '',
				startsOn: charter.starts_on ?? '',
				endsOn: charter.ends_on ?? '',
				summary: charter.summary ?? '',
				status: charter.status,
				isPublic: charter.is_public,
				staleAfterDays: charter.stale_after_days,
				budgetTotal: charter.budget_total,
				budgetNote: charter.budget_note ?? ''
			},
			zod4(charterSchema),
			{ errors: false, id: 'charter' }
		)
	};
};

export const actions: Actions = {
	default: formAction(charterSchema, { id: 'charter' }, async (d, { form, event: { locals, params } }) => {
		const { charter } = await loadCharter(locals, params.slug);
		mustChange(
			await locals.supabase
				.from('charters')
				.update({
					...charterDetailsColumns(d),
					status: d.status,
					is_public: d.isPublic,
					stale_after_days: d.staleAfterDays,
					budget_total: d.budgetTotal,
					budget_note: orNull(d.budgetNote)
				})
				.eq('id', charter.id)
				.select('id')
		);
		if (!closes(charter.status, d.status)) return m.admin_charter_saved();
		// A charter that closes keeps its archive among its documents.
		const archived = await archiveOnClose(locals, charter);
		return message(form, { kind: archived.kind, text: `${m.admin_charter_saved()} ${archived.text}` });
	})
};
