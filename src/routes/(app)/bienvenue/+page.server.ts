import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { nameChosen } from '#lib/auth/confirm.js';
import { m } from '#lib/paraglide/messages.js';
import { safeNext } from '#lib/safe-redirect.js';
import { welcomeSchema } from '#lib/schemas/profile.js';
import { dbErrorMessage } from '#lib/server/db-errors.js';
import { orientations } from './orientation.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * First page after an invitation, a password recovery, or a first sign-in: what the person's role does in each
 * of their charters, then their display name (asked, not guessed from the e-mail address) and an optional
 * password.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user!;
	const [{ data: profile }, { data: memberships }] = await Promise.all([
		locals.supabase.from('profiles').select('display_name').eq('id', user.id).maybeSingle(),
		locals.supabase
			.from('charter_members')
			.select('role, charter:charters(slug, title), organization:organizations(name)')
			.eq('user_id', user.id)
	]);
	// Until the person chooses a name, the profile holds the e-mail's local part: not a name to offer.
	const displayName = nameChosen(user.user_metadata) ? (profile?.display_name ?? '') : '';
	return {
		orientations: orientations(memberships ?? []),
		form: await superValidate(
			{ displayName, password: '', next: safeNext(url.searchParams.get('suivant')) },
			zod4(welcomeSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(welcomeSchema));
		if (!form.valid) {
			form.data.password = '';
			return fail(400, { form });
		}
		const password = form.data.password;
		form.data.password = '';
		const { error: profileError } = await locals.supabase
			.from('profiles')
			.update({ display_name: form.data.displayName })
			.eq('id', locals.user!.id);
		// Someone in one of the person's charters already has this name (the database refuses it).
		if (profileError?.code === 'PT409') return setError(form, 'displayName', m.orientation_name_taken());
		if (profileError) return message(form, { kind: 'error', text: dbErrorMessage(profileError) }, { status: 503 });
		const { error: authError } = await locals.supabase.auth.updateUser({
			data: { display_name: form.data.displayName },
			...(password ? { password } : {})
		});
		if (authError) return message(form, { kind: 'error', text: m.auth_unavailable() }, { status: 503 });
		redirect(303, safeNext(form.data.next));
	}
};
