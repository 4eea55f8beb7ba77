import { error } from '@sveltejs/kit';
import { orgName } from '#lib/domain/organizations.js';
import { INTERNSHIP_STATUSES } from '#lib/domain/status.js';
import { todayIso } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';
import { confirmSchema } from '#lib/schemas/internship.js';
import { registerCharter, requireRegisterAccess } from '#lib/server/internships.js';
import { formAction, refuse } from '#lib/server/form-action.js';
import type { Actions, PageServerLoad } from './$types';

const SORTS = ['intern', 'profession', 'host', 'commune', 'dates', 'status'] as const;
type Sort = (typeof SORTS)[number];

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { charter, membership } = await parent();
	const member = requireRegisterAccess(membership);
	const sort: Sort = (SORTS as readonly string[]).includes(url.searchParams.get('tri') ?? '')
		? (url.searchParams.get('tri') as Sort)
		: 'dates';
	const descending = url.searchParams.get('ordre') === 'desc';
	const showPast = url.searchParams.get('periode') === 'tous';
	const today = todayIso();

	let query = locals.supabase
		.from('internships')
		.select(
			'id, intern_first_name, intern_last_name, intern_email, profession, level, specialty, faculty, supervisor_name, host_contact, commune_code, starts_on, ends_on, housing, housing_note, status, erased_at, version, host:organizations!internships_host_organization_id_fkey(id, name, short_name), commune:communes(name)'
		)
		.eq('charter_id', charter.id)
		.order('starts_on')
		.limit(5000);
	if (!showPast) query = query.gte('ends_on', today);
	const [rows, counts, pastCount] = await Promise.all([
		query,
		locals.supabase.rpc('internship_counts', { p_charter_id: charter.id }),
		showPast
			? Promise.resolve({ count: 0 })
			: locals.supabase
					.from('internships')
					.select('id', { count: 'exact', head: true })
					.eq('charter_id', charter.id)
					.lt('ends_on', today)
	]);
	if (rows.error) error(503, m.error_internships_unavailable());
	type Row = (typeof rows.data)[number];

	const name = (r: Row) =>
		`${r.intern_first_name ?? '\uffff'} ${r.intern_last_name ?? ''}`.trim().toLocaleLowerCase('fr');
	const keys: Record<Sort, (r: Row) => string | number> = {
		intern: name,
		profession: (r) => `${r.profession} ${r.level}`,
		host: (r) => (orgName(r.host) ?? '').toLocaleLowerCase('fr'),
		commune: (r) => (r.commune?.name ?? r.commune_code).toLocaleLowerCase('fr'),
		dates: (r) => `${r.starts_on} ${r.ends_on}`,
		status: (r) => INTERNSHIP_STATUSES.indexOf(r.status)
	};
	const key = keys[sort];
	const internships = [...rows.data].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const c = typeof ka === 'number' ? ka - (kb as number) : ka.localeCompare(kb as string, 'fr');
		return (descending ? -c : c) || a.starts_on.localeCompare(b.starts_on);
	});

	// internship_counts gives the placements that happen per commune, month and profession; a count under 3 is
	// withheld (null) for everyone but the coordination, and the page shows it as "< 3".
	const summary = (counts.data ?? []).map((c) => ({
		communeName: c.commune_name,
		month: c.month,
		profession: c.profession,
		placements: c.placements === null ? null : Number(c.placements)
	}));

	return {
		internships,
		sort,
		descending,
		showPast,
		pastCount: pastCount.count ?? 0,
		today,
		isCoordinator: member.role === 'coordinator',
		summary: summary.sort((a, b) => a.month.localeCompare(b.month) || a.communeName.localeCompare(b.communeName, 'fr'))
	};
};

export const actions: Actions = {
	confirmer: formAction(
		confirmSchema,
		{ id: 'confirm', invalid: m.interns_confirm_conflict, context: registerCharter },
		async (d, { context: charter, event: { locals } }) => {
			const { data, error: err } = await locals.supabase
				.from('internships')
				.update({ status: 'confirmed' })
				.eq('id', d.id)
				.eq('charter_id', charter.id)
				.eq('version', d.version)
				.eq('status', 'planned')
				.select('id, intern_first_name')
				.maybeSingle();
			if (err) refuse(503, m.interns_save_failed());
			if (!data) refuse(409, m.interns_confirm_conflict());
			return m.interns_confirmed_done({ name: data.intern_first_name ?? m.interns_erased_short() });
		}
	)
};
