/**
 * Finding the charter of a form action (form actions do not run the layout's load) and keeping the
 * administration pages to coordinators. RLS stays the boundary: these checks only spare users pages whose
 * every button the database would refuse.
 */
import { error } from '@sveltejs/kit';

/** The charter's id from its slug, as the signed-in user sees it (404 when RLS hides it). */
export async function charterIdFromSlug(locals: App.Locals, slug: string): Promise<string> {
	const { data, error: err } = await locals.supabase.from('charters').select('id').eq('slug', slug).maybeSingle();
	if (err) error(503, 'Cette charte est momentanément indisponible.');
	if (!data) error(404, 'Charte introuvable.');
	return data.id;
}
