import { json } from '@sveltejs/kit';
import { searchCommunes } from '#lib/server/communes.js';
import type { RequestHandler } from './$types';

/** GET /api/communes?q=limoges — the commune picker's search (reference data, readable by everyone). */
export const GET: RequestHandler = async ({ url, locals, setHeaders }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 80);
	const limit = Math.min(20, Math.max(1, Number(url.searchParams.get('limite')) || 10));
	try {
		const communes = await searchCommunes(locals.supabase, q, limit);
		setHeaders({ 'cache-control': 'private, max-age=300' });
		return json({ communes });
	} catch {
		return json({ communes: [], error: 'unavailable' }, { status: 503 });
	}
};
