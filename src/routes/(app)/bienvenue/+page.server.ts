import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { safeNext } from '#lib/safe-redirect.js';
import { welcomeSchema } from '#lib/schemas/profile.js';
import type { Actions, PageServerLoad } from './$types';

/** First page after an invitation or a password recovery: the person checks their name, may set a password. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { data: profile } = await locals.supabase
		.from('profiles')
		.select('display_name')
		.eq('id', locals.user!.id)
		.maybeSingle();
	return {
		form: await superValidate(
			{ displayName: profile?.display_name ?? '', password: '', next: safeNext(url.searchParams.get('suivant')) },
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
		const { error: profileError } = await locals.supabase
			.from('profiles')
			.update({ display_name: form.data.displayName })
			.eq('id', locals.user!.id);
		const { error: authError } = await locals.supabase.auth.updateUser({
			data: { display_name: form.data.displayName },
			...(form.data.password ? { password: form.data.password } : {})
		});
		form.data.password = '';
		if (profileError || authError) {
			return message(form, { kind: 'error', text: m.auth_unavailable() }, { status: 503 });
		}
		redirect(303, safeNext(form.data.next));
	}
};
