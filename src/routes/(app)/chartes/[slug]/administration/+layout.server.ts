import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';

/** The administration is the coordinators' (RLS refuses the others' changes anyway). */
export const load: LayoutServerLoad = async ({ parent }) => {
	const { membership } = await parent();
	if (membership?.role !== 'coordinator') error(403, m.error_coordinators_only());
	return {};
};
