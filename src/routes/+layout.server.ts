import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		locale: locals.locale,
		user: user
			? {
					id: user.id,
					email: user.email ?? '',
					displayName: (user.user_metadata?.display_name as string | undefined) ?? user.email ?? ''
				}
			: null
	};
};
