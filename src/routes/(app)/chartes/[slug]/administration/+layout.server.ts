import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** The administration is the coordinators' (RLS refuses the others' changes anyway). */
export const load: LayoutServerLoad = async ({ parent }) => {
	const { membership } = await parent();
	if (membership?.role !== 'coordinator') error(403, 'Cette page est réservée à la coordination de la charte.');
	return {};
};
