import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { coordinatedCharter } from '#lib/server/support-requests.js';
import type { RequestHandler } from './$types';

/** The right of access: everything held on the person of this request, as a JSON file named after it. */
export const GET: RequestHandler = async (event) => {
	const charter = await coordinatedCharter(event);
	const { reference } = event.params;
	const { data: request } = await event.locals.supabase
		.from('support_requests')
		.select('id')
		.eq('charter_id', charter.id)
		.eq('reference', reference)
		.maybeSingle();
	if (!request) error(404, m.routing_request_not_found());
	const { data, error: err } = await event.locals.supabase.rpc('support_request_export', { p_request_id: request.id });
	if (err) error(503, m.routing_unavailable());
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="demande-${reference}.json"`,
			'cache-control': 'no-store'
		}
	});
};
