import { redirect } from '@sveltejs/kit';
import { homePath } from '#lib/server/memberships.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { memberships } = await parent();
	if (memberships.length > 0) redirect(303, homePath(memberships));
	return {};
};
