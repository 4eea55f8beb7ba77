/**
 * Misuse of every form the app shows: as anon and as every demo role, each page reachable from the home page is
 * visited, every POST form on it is found in the DOM, and each is sent malformed payloads (fast-check): every
 * field broken for its type, fields dropped, unknown and repeated fields. Never a 5xx, and the database exactly
 * as it was afterwards (every payload is invalid, so nothing may be written).
 */
import fc from 'fast-check';
import { expect, test, type Page } from '@playwright/test';
import { sql } from '../../helpers/env.ts';
import { signIn } from '../helpers.ts';

interface FoundForm {
	page: string;
	action: string;
	fields: { name: string; type: string }[];
}

const ROLES = [
	null,
	'coordination.hv@example.org',
	'copil.hv@example.org',
	'ars.na@example.org',
	'ordre.87@example.org',
	'fac.limoges@example.org',
	'maire.hv@example.org',
	'coordination.normandie@example.org'
];
// Forms that end the session or only switch language are left alone: they change no data.
const SKIP_ACTIONS = /\/(deconnexion|langue)(\?|$)/;
const MAX_PAGES = Number(process.env.MISUSE_MAX_PAGES || 40);

/**
 * Hash of every row of every table but the notification outbox (its sender works in the background) and the
 * rate-limit counters (every POST counts, refused or not: that is their job).
 */
async function fingerprint(): Promise<Record<string, string>> {
	const tables = await sql<{ name: string }>(
		`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = 'public' and c.relkind = 'r' and c.relname not in ('notifications', 'rate_limit_windows') order by 1`
	);
	const out: Record<string, string> = {};
	for (const { name } of tables) {
		const [row] = await sql<{ h: string }>(
			`select coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '-') as h from public.${name} t`
		);
		out[name] = row.h;
	}
	return out;
}

/** Visits the pages reachable from the home page (same site, no downloads) and lists their POST forms. */
async function discoverForms(page: Page): Promise<FoundForm[]> {
	const queue = ['/', '/chartes', '/mes-actions', '/ma-commune', '/preferences', '/connexion'];
	const seen = new Set<string>();
	const forms = new Map<string, FoundForm>();
	while (queue.length && seen.size < MAX_PAGES) {
		const path = queue.shift()!;
		if (seen.has(path)) continue;
		seen.add(path);
		const response = await page.goto(path).catch(() => null);
		if (!response || response.status() >= 400 || !(response.headers()['content-type'] ?? '').includes('text/html'))
			continue;
		const found = await page.$$eval('form', (elements) =>
			elements
				.filter((f) => (f.getAttribute('method') ?? 'get').toLowerCase() === 'post')
				.map((f) => ({
					action:
						new URL(f.getAttribute('action') ?? '', location.href).pathname +
						new URL(f.getAttribute('action') ?? '', location.href).search,
					fields: [...f.querySelectorAll<HTMLInputElement>('input[name], select[name], textarea[name]')].map((i) => ({
						name: i.name,
						type: i.tagName === 'SELECT' ? 'select' : i.tagName === 'TEXTAREA' ? 'textarea' : i.type || 'text'
					}))
				}))
		);
		for (const f of found) {
			if (SKIP_ACTIONS.test(f.action)) continue;
			const key = `${f.action}|${f.fields
				.map((x) => x.name)
				.sort()
				.join(',')}`;
			if (!forms.has(key)) forms.set(key, { page: path, ...f });
		}
		const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
		for (const href of links) {
			const url = new URL(href);
			if (url.origin !== new URL(page.url()).origin) continue;
			if (/\.(csv|xlsx|pdf)$|export|modele|deconnexion|desabonnement|\/auth\//.test(url.pathname)) continue;
			const next = url.pathname + url.search;
			if (!seen.has(next) && !queue.includes(next)) queue.push(next);
		}
	}
	return [...forms.values()];
}

/** A value that no honest form would send for a field of this type. */
function malformed(type: string): fc.Arbitrary<string> {
	const huge = fc.constantFrom('x'.repeat(20_000), 'é'.repeat(12_000), `\u0000${'a'.repeat(15_000)}`);
	const byType: Record<string, fc.Arbitrary<string>> = {
		number: fc.constantFrom('abc', '-999999999', '1e400', '12,5,7', 'NaN'),
		range: fc.constantFrom('abc', '-1', '101', '1e400'),
		date: fc.constantFrom('2026-02-30', 'demain', '31/12/2026', '0000-00-00', '99999-01-01'),
		email: fc.constantFrom('pas-un-email', '@', 'a@b', `${'a'.repeat(300)}@example.org`),
		select: fc.constantFrom('valeur-inexistante', '', '00000000-0000-0000-0000-000000000000'),
		hidden: fc.constantFrom('pas-un-uuid', '-1', '', '{"$ne":null}', '00000000-0000-0000-0000-00000000zzzz'),
		checkbox: fc.constantFrom('peut-être', 'on'.repeat(5000)),
		file: fc.constantFrom('not a file', '')
	};
	return byType[type] ?? huge;
}

test.describe.configure({ mode: 'serial' });

test('every form refuses malformed payloads, as every role, without a 5xx and without writing', async ({ browser }) => {
	test.setTimeout(15 * 60_000);
	const before = await fingerprint();
	let requests = 0;
	const statuses = new Map<number, number>();

	for (const role of ROLES) {
		const context = await browser.newContext();
		const page = await context.newPage();
		if (role) await signIn(page, role);
		const forms = await discoverForms(page);
		expect(forms.length, `forms found as ${role ?? 'anon'}`).toBeGreaterThan(0);

		for (const form of forms) {
			const payload = fc.record({
				values: fc.tuple(...form.fields.map((f) => malformed(f.type))),
				drop: fc.array(fc.nat({ max: Math.max(0, form.fields.length - 1) }), { maxLength: 2 }),
				extra: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 50 })), {
					maxLength: 2
				}),
				repeat: fc.boolean()
			});
			await fc.assert(
				fc.asyncProperty(payload, async ({ values, drop, extra, repeat }) => {
					const body = new URLSearchParams();
					form.fields.forEach((f, i) => {
						if (drop.includes(i) && form.fields.length > 1) return;
						body.append(f.name, values[i]);
						if (repeat) body.append(f.name, values[i]);
					});
					for (const [k, v] of extra) body.append(k, v);
					const response = await context.request.post(form.action, {
						headers: {
							'content-type': 'application/x-www-form-urlencoded',
							origin: new URL(page.url()).origin,
							accept: 'text/html'
						},
						data: body.toString(),
						maxRedirects: 0,
						failOnStatusCode: false
					});
					requests++;
					statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
					expect(
						response.status(),
						`${role ?? 'anon'} POST ${form.action} (from ${form.page}): ${body.toString().slice(0, 200)}`
					).toBeLessThan(500);
				}),
				{ numRuns: Number(process.env.MISUSE_RUNS || 4), seed: 42 }
			);
		}
		await context.close();
	}

	console.log(`misuse: ${requests} malformed posts, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
	expect(requests).toBeGreaterThan(50);
	expect(await fingerprint()).toEqual(before);
});
