import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { intakeSwitchSchema } from '#lib/schemas/support-request.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { formAction, mustChange, refuse } from '#lib/server/form-action.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({});

/** Opens or closes the charter's public form; a charter that is not published cannot open it. */
export const actions: Actions = {
	default: formAction(
		intakeSwitchSchema,
		{ invalid: () => m.admin_error_forbidden() },
		async (d, { event: { locals, params } }) => {
			const { charter, membership } = await loadCharter(locals, params.slug);
			if (membership?.role !== 'coordinator') refuse(403, m.error_coordinators_only());
			const open = d.open === 'true';
			if (open && !charter.is_public) refuse(409, m.intake_switch_refused_private());
			mustChange(
				await locals.supabase.from('charters').update({ intake_open: open }).eq('id', charter.id).select('id')
			);
			redirect(303, `/chartes/${charter.slug}/administration?formulaire-public=${open ? 'ouvert' : 'ferme'}`);
		}
	)
};
