import { redirect } from '@sveltejs/kit';
import { cookieName, isLocale } from '#lib/paraglide/runtime.js';
import { safeNext } from '#lib/safe-redirect.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const data = await request.formData();
		const locale = String(data.get('locale') ?? '');
		if (isLocale(locale)) {
			cookies.set(cookieName, locale, { path: '/', maxAge: 60 * 60 * 24 * 400, httpOnly: false, sameSite: 'lax' });
			// The e-mails follow the language the person chose (profiles.locale, read by the notification sender).
			if (locals.user) await locals.supabase.from('profiles').update({ locale }).eq('id', locals.user.id);
		}
		redirect(303, safeNext(String(data.get('next') ?? '/')));
	}
};
