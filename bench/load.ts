/**
 * Load: 200 signed-in partner representatives of the national data set (two per charter, u11 among them, each
 * with their own session) browse and record progress for 60 s (`BENCH_LOAD_SECONDS`, `BENCH_LOAD_USERS`), as
 * tests/e2e/heavy/load.spec.ts does in CI: their charter's dashboard, /chartes, /mes-actions, /demandes, one of
 * the actions their organization leads and its progress form (`?/avancement`, with the version just read), their charter's last
 * meeting page, decisions register and documents list. Two paces (`pace`): *reading*, a pause of 5 to 15 s between
 * pages (a person reads a dashboard before the next click: 200 people then ask about 18 pages a second), which is
 * what the target judges; and *stress*, 150 to 500 ms (200 people asking about 600 pages a second, far more than
 * two cores serve), which measures the machine's capacity (pages served per second) and shows that nothing fails
 * when it is saturated. Each person starts after a random part of one pause, at a random page of the round, as
 * people do not all click at once nor in step; the run stops at its deadline, mid-round.
 * The time of a request is what the user waits (sent → body read, on loopback), per page; an error is a 5xx, a
 * dropped connection or an answer that is not the page (a conflict on a stale version is a clear refusal, not
 * an error). PostgREST's busy connections are sampled meanwhile, to tell whether its pool is the limit.
 */
import type pg from 'pg';
import { APP, percentile, PARTNER, signIn } from './lib.ts';

export const LOAD_PAGES = [
	'dashboard',
	'/chartes',
	'/mes-actions',
	'/demandes',
	'action',
	'progress update (POST)',
	'meeting',
	'decisions',
	'documents'
] as const;
export type LoadPage = (typeof LOAD_PAGES)[number];

/** The pause between two requests of one person, in ms (uniform between the two bounds). */
export const LOAD_PACES = {
	reading: [5000, 15000],
	stress: [150, 500]
} as const satisfies Record<string, readonly [number, number]>;
export type LoadPace = keyof typeof LOAD_PACES;

export interface LoadResult {
	pace: LoadPace;
	users: number;
	/** The planned duration, and the time from the first request to the end of the last one. */
	seconds: number;
	elapsed: number;
	requests: number;
	updates: number;
	conflicts: number;
	errors: string[];
	times: Record<LoadPage, number[]>;
	/** The most PostgREST connections seen busy at once, and its pool size. */
	busyPostgrest: number;
	pool: number;
}

export async function measureLoad(db: pg.Pool, pace: LoadPace): Promise<LoadResult> {
	const [pauseMin, pauseMax] = LOAD_PACES[pace];
	const USERS = Number(process.env.BENCH_LOAD_USERS || 200);
	const SECONDS = Number(process.env.BENCH_LOAD_SECONDS || 60);
	// Each person updates the actions their organization leads (a contributor may read an action, not update it).
	const { rows: people } = await db.query<{ email: string; slug: string; meeting: string | null; actions: string[] }>(
		`with reps as (
		   select u.email, c.slug, c.id as charter_id, m.organization_id,
		     row_number() over (partition by c.id order by u.email = $1 desc, u.email) as n
		   from public.charter_members m join auth.users u on u.id = m.user_id join public.charters c on c.id = m.charter_id
		   where m.role = 'partner_rep' and c.slug ~ '^echelle-[0-9]+$'
		 ), picked as (
		   select distinct on (email) email, slug, charter_id, organization_id, n from reps where n <= 3 order by email, n
		 )
		 select p.email, p.slug,
		   array(select a.id::text from public.actions a where a.charter_id = p.charter_id
		     and a.lead_organization_id = p.organization_id and a.archived_at is null order by a.position limit 10) as actions,
		   (select m.id::text from public.meetings m where m.charter_id = p.charter_id order by m.starts_at desc limit 1) as meeting
		 from picked p order by p.n, p.email = $1 desc, p.slug limit $2`,
		[PARTNER, USERS]
	);
	const sessions: { cookie: string; slug: string; meeting: string | null; actions: string[] }[] = [];
	for (let i = 0; i < people.length; i += 20) {
		const batch = people.slice(i, i + 20);
		const cookies = await Promise.all(batch.map((p) => signIn(p.email)));
		sessions.push(...batch.map((p, k) => ({ ...p, cookie: cookies[k] })));
	}

	const times = Object.fromEntries(LOAD_PAGES.map((p) => [p, [] as number[]])) as Record<LoadPage, number[]>;
	const errors: string[] = [];
	let requests = 0;
	let updates = 0;
	let conflicts = 0;
	// The run ends at the deadline, in the middle of a person's round if need be: no request starts after it.
	let deadline = Infinity;
	const pause = () =>
		new Promise((r) =>
			setTimeout(r, Math.max(0, Math.min(pauseMin + Math.random() * (pauseMax - pauseMin), deadline - Date.now())))
		);
	async function get(cookie: string, page: LoadPage, pathname: string): Promise<string | null> {
		if (Date.now() >= deadline) return null;
		const t = performance.now();
		try {
			const res = await fetch(`${APP}${pathname}`, { headers: { cookie }, redirect: 'manual' });
			const body = await res.text();
			times[page].push(performance.now() - t);
			requests++;
			if (res.status !== 200) errors.push(`GET ${pathname}: ${res.status}`);
			return res.status === 200 ? body : null;
		} catch (error) {
			errors.push(`GET ${pathname}: ${(error as Error).message}`);
			return null;
		}
	}

	let sampling = true;
	let busyPostgrest = 0;
	const sampler = (async () => {
		while (sampling) {
			const { rows } = await db.query<{ n: number }>(
				`select count(*)::int as n from pg_stat_activity where application_name ilike 'postgrest%' and state <> 'idle'`
			);
			busyPostgrest = Math.max(busyPostgrest, rows[0].n);
			await new Promise((r) => setTimeout(r, 250));
		}
	})();

	const started = Date.now();
	deadline = started + SECONDS * 1000;
	/** Sends the progress form of an action just read, with the version it showed. */
	async function update(cookie: string, actionPath: string, version: string): Promise<void> {
		const t = performance.now();
		try {
			const res = await fetch(`${APP}${actionPath}?/avancement`, {
				method: 'POST',
				redirect: 'manual',
				headers: { cookie, origin: APP, accept: 'text/html' },
				body: new URLSearchParams({
					version,
					status: 'in_progress',
					progress: String(Math.floor(Math.random() * 100)),
					health: 'on_track',
					comment: 'Point de charge du banc'
				})
			});
			const body = await res.text();
			times['progress update (POST)'].push(performance.now() - t);
			requests++;
			if (res.status === 200 && body.includes('Mise à jour enregistrée')) updates++;
			// Two people saved the same action at once: the second is told, nothing is overwritten.
			else if (res.status === 409) conflicts++;
			else errors.push(`POST ${actionPath}: ${res.status} ${body.slice(0, 120)}`);
		} catch (error) {
			errors.push(`POST ${actionPath}: ${(error as Error).message}`);
		}
	}

	await Promise.all(
		sessions.map(async ({ cookie, slug, meeting, actions }) => {
			// One round of pages, each followed by a pause; each person starts it at a random page, so that at a
			// reading pace (one round takes longer than the run) every page is asked as often, at any moment.
			let version: string | undefined;
			let actionPath = '';
			const steps: (() => Promise<unknown>)[] = [
				() => get(cookie, '/mes-actions', '/mes-actions'),
				() => get(cookie, 'dashboard', `/chartes/${slug}/tableau-de-bord`),
				() => get(cookie, '/chartes', '/chartes'),
				() => get(cookie, '/demandes', '/demandes'),
				...(actions.length
					? [
							async () => {
								actionPath = `/chartes/${slug}/actions/${actions[Math.floor(Math.random() * actions.length)]}`;
								const page = await get(cookie, 'action', actionPath);
								version = page?.match(/name="version" value="(\d+)"/)?.[1];
							},
							// The form of the action just read; after a rotation that starts here, the next round's.
							async () => {
								if (version && Date.now() < deadline) await update(cookie, actionPath, version);
								version = undefined;
							}
						]
					: []),
				...(meeting ? [() => get(cookie, 'meeting', `/chartes/${slug}/reunions/${meeting}`)] : []),
				() => get(cookie, 'decisions', `/chartes/${slug}/decisions`),
				() => get(cookie, 'documents', `/chartes/${slug}/documents`)
			];
			await new Promise((r) => setTimeout(r, Math.random() * pauseMax));
			for (let i = Math.floor(Math.random() * steps.length); Date.now() < deadline; i++) {
				await steps[i % steps.length]();
				await pause();
			}
		})
	);
	const elapsed = (Date.now() - started) / 1000;
	sampling = false;
	await sampler;
	return {
		pace,
		users: sessions.length,
		seconds: SECONDS,
		elapsed,
		requests,
		updates,
		conflicts,
		errors,
		times,
		busyPostgrest,
		pool: Number(process.env.STACK_PGRST_POOL || 20)
	};
}

export const loadP95 = (r: LoadResult) =>
	LOAD_PAGES.map((page) => ({ page, count: r.times[page].length, p95: percentile(r.times[page], 95) }));
