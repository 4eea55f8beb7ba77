/**
 * Load: 200 signed-in partner representatives browse and record progress for 60 seconds, each with their own
 * session, through the app (SvelteKit → PostgREST → Postgres, sessions checked against the auth server): *Mes
 * actions*, the cross-charter view, the charter's page, their *Demandes* (a request referred to every partner),
 * the meeting page (a meeting with its decisions), the decisions register, the documents list, an action and its
 * progress form. No request may fail: every answer is a page, a redirect or a clear refusal (a stale version),
 * never a 5xx or a dropped connection; the p95 of every page (the time the user waits) is printed. The journal
 * then holds exactly one row per successful update. The 300 ms target per page is the bench's (bench/load.ts, on
 * the national data set): on CI's two shared cores 200 users at once queue behind each other, so the test holds
 * the p95 to what says "slow but served" (P95_LIMIT_MS) and prints the figures.
 */
import { randomUUID } from 'node:crypto';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { sql } from '../../helpers/env.ts';
import { DEMO_PASSWORD } from '../helpers.ts';

const USERS = Number(process.env.LOAD_USERS || 200);
const SECONDS = Number(process.env.LOAD_SECONDS || 60);
const ORGS = 10;
const ACTIONS = 40;
const run = randomUUID().slice(0, 8);
const slug = `charge-${run}`;
let charterId = '';
let meetingId = '';
/** A page served within this at p95 is slow but served on a busy 2-core CI machine (200 users at once). */
const P95_LIMIT_MS = Number(process.env.LOAD_P95_LIMIT_MS || 15_000);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	const [{ hash }] = await sql<{ hash: string }>(`select extensions.crypt($1, extensions.gen_salt('bf', 4)) as hash`, [
		DEMO_PASSWORD
	]);
	await sql(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
		   raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
		 select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
		   'charge-' || $1 || '-' || n || '@example.com', $2, now(), '{"provider":"email","providers":["email"]}',
		   jsonb_build_object('display_name', 'Charge ' || n), now(), now(), '', '', '', ''
		 from generate_series(1, $3::int) n`,
		[run, hash, USERS]
	);
	await sql(
		`insert into public.organizations (name, kind) select 'Organisation charge ' || $1 || ' ' || n, 'autre' from generate_series(1, $2::int) n`,
		[run, ORGS]
	);
	[{ id: charterId }] = await sql<{ id: string }>(
		`insert into public.charters (slug, title, scope_level, status) values ($1, 'Charte de charge ' || $2, 'departement', 'active') returning id`,
		[slug, run]
	);
	await sql(`insert into public.objectives (charter_id, code, title) values ($1, '1', 'Objectif de charge')`, [
		charterId
	]);
	await sql(
		`insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, position)
		 select $1, (select id from public.objectives where charter_id = $1), '1.' || n, 'Action de charge ' || n,
		   (select id from public.organizations where name = 'Organisation charge ' || $2 || ' ' || (1 + n % $3)), n
		 from generate_series(1, $4::int) n`,
		[charterId, run, ORGS, ACTIONS]
	);
	await sql(
		`insert into public.charter_members (charter_id, user_id, organization_id, role)
		 select $1, u.id, (select id from public.organizations where name = 'Organisation charge ' || $2 || ' ' ||
		   (1 + (split_part(split_part(u.email, '-', 3), '@', 1))::int % $3)), 'partner_rep'
		 from auth.users u where u.email like 'charge-' || $2 || '-%'`,
		[charterId, run, ORGS]
	);
	// Something on every page: a meeting with two decisions, a request referred to every partner organization.
	await sql(
		`insert into public.charter_partners (charter_id, organization_id, role)
		 select $1, o.id, 'contributor' from public.organizations o where o.name like $2`,
		[charterId, `Organisation charge ${run} %`]
	);
	[{ id: meetingId }] = await sql<{ id: string }>(
		`insert into public.meetings (charter_id, title, starts_at) values ($1, 'COPIL de charge', now() + interval '7 days') returning id`,
		[charterId]
	);
	await sql(
		`insert into public.decisions (charter_id, meeting_id, text, owner_organization_id, due_on)
		 select $1, $2, 'Décision de charge ' || n, (select id from public.organizations where name = 'Organisation charge ' || $3 || ' ' || n),
		   current_date + 30 from generate_series(1, 2) n`,
		[charterId, meetingId, run]
	);
	const [{ id: requestId }] = await sql<{ id: string }>(
		`insert into public.support_requests (charter_id, requester_first_name, requester_email, profession, stage, needs, channel)
		 values ($1, 'Charge', $2, 'medecine', 'interne', '{logement}', 'phone') returning id`,
		[charterId, `demande-${run}@example.com`]
	);
	await sql(
		`insert into public.referrals (request_id, charter_id, organization_id, need, due_on)
		 select $1, $2, o.id, 'logement', current_date + 14 from public.organizations o where o.name like $3`,
		[requestId, charterId, `Organisation charge ${run} %`]
	);
});

test.afterAll(async () => {
	// The charter goes with its plan and journal (a cascade is the only way the journal may go).
	await sql(`delete from public.charters where id = $1`, [charterId]);
	await sql(`delete from auth.users where email like $1`, [`charge-${run}-%`]);
	await sql(`delete from public.organizations where name like $1`, [`Organisation charge ${run} %`]);
});

test(`${USERS} signed-in users browse and record progress for ${SECONDS} s without errors`, async ({ baseURL }) => {
	test.setTimeout((SECONDS + 180) * 1000);
	const origin = baseURL!;
	const failures: string[] = [];
	let pages = 0;
	let updates = 0;
	let conflicts = 0;

	const sessions: APIRequestContext[] = [];
	for (let start = 1; start <= USERS; start += 20) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(20, USERS - start + 1) }, async (_, i) => {
				const context = await request.newContext({ baseURL: origin });
				const response = await context.post('/connexion?/motdepasse', {
					form: { email: `charge-${run}-${start + i}@example.com`, password: DEMO_PASSWORD, next: '/' },
					headers: { origin, accept: 'text/html' },
					maxRedirects: 0
				});
				expect(response.status(), await response.text()).toBe(303);
				return context;
			})
		);
		sessions.push(...batch);
	}

	const deadline = Date.now() + SECONDS * 1000;
	const pause = () => new Promise((r) => setTimeout(r, 150 + Math.random() * 350));
	/** The time the user waits, per page. */
	const times = new Map<string, number[]>();
	const timed = (page: string, started: number) => {
		if (!times.has(page)) times.set(page, []);
		times.get(page)!.push(performance.now() - started);
	};
	async function get(context: APIRequestContext, path: string, page: string): Promise<string | null> {
		const started = performance.now();
		try {
			const response = await context.get(path, { maxRedirects: 0, timeout: 30_000 });
			const body = await response.text();
			timed(page, started);
			pages++;
			if (response.status() >= 500 || response.status() === 0) failures.push(`GET ${path}: ${response.status()}`);
			return response.status() === 200 ? body : null;
		} catch (error) {
			failures.push(`GET ${path}: ${(error as Error).message}`);
			return null;
		}
	}

	await Promise.all(
		sessions.map(async (context) => {
			while (Date.now() < deadline) {
				const mine = await get(context, '/mes-actions', 'mes-actions');
				await pause();
				await get(context, '/chartes', 'chartes');
				await pause();
				await get(context, `/chartes/${slug}`, 'charter');
				await pause();
				await get(context, '/demandes', 'demandes');
				await pause();
				await get(context, `/chartes/${slug}/reunions/${meetingId}`, 'meeting');
				await pause();
				await get(context, `/chartes/${slug}/decisions`, 'decisions');
				await pause();
				await get(context, `/chartes/${slug}/documents`, 'documents');
				await pause();
				const actionIds = [...(mine ?? '').matchAll(/\/chartes\/[^/"]+\/actions\/([0-9a-f-]{36})/g)].map((m) => m[1]);
				if (actionIds.length === 0) continue;
				const actionPath = `/chartes/${slug}/actions/${actionIds[Math.floor(Math.random() * actionIds.length)]}`;
				const page = await get(context, actionPath, 'action');
				const version = page?.match(/name="version" value="(\d+)"/)?.[1];
				if (!version) continue;
				await pause();
				const started = performance.now();
				try {
					const response = await context.post(`${actionPath}?/avancement`, {
						form: {
							version,
							status: 'in_progress',
							progress: String(Math.floor(Math.random() * 100)),
							health: 'on_track',
							comment: 'Point de charge'
						},
						headers: { origin, accept: 'text/html' },
						maxRedirects: 0,
						timeout: 30_000
					});
					const body = await response.text();
					timed('update (POST)', started);
					if (response.status() === 200 && body.includes('Mise à jour enregistrée')) updates++;
					// Two people saved the same action at once: the second is told, nothing is overwritten.
					else if (response.status() === 409) conflicts++;
					else failures.push(`POST update: ${response.status()} ${body.slice(0, 120)}`);
				} catch (error) {
					failures.push(`POST update: ${(error as Error).message}`);
				}
				await pause();
			}
		})
	);
	await Promise.all(sessions.map((s) => s.dispose()));

	const [{ n }] = await sql<{ n: number }>(
		`select count(*)::int as n from public.action_updates where charter_id = $1`,
		[charterId]
	);
	console.log(
		`load: ${USERS} users, ${SECONDS} s: ${pages} pages, ${updates} updates, ${conflicts} conflicts refused, ${failures.length} failures`
	);
	const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
	const slow: string[] = [];
	for (const [page, values] of times) {
		console.log(`load: p95 ${page} ${p95(values).toFixed(0)} ms (${values.length} requests)`);
		if (p95(values) > P95_LIMIT_MS) slow.push(`${page}: p95 ${p95(values).toFixed(0)} ms`);
	}
	expect(failures.slice(0, 20)).toEqual([]);
	expect(updates).toBeGreaterThan(USERS / 2);
	// Every update the app confirmed is in the journal, and nothing else is.
	expect(n).toBe(updates);
	expect(slow).toEqual([]);
});
