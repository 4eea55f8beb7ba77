/**
 * The public form survives misuse, posted over HTTP as a script would (no browser), each test from a loopback
 * address of its own (127.0.0.x) so that the app's per-address limit of one never touches another:
 * - 1 000 submissions from one address: at most the limit (5 every 10 minutes) are stored, the others get a 429
 *   with a French message;
 * - malformed posts (wrong types, unknown enum, unknown commune, a 10 000-character project, a missing consent,
 *   the honeypot filled in, sent too fast, a tampered or missing opening time) each get a 4xx with a French
 *   message, and nothing is stored.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';

const port = Number(process.env.E2E_PORT || 4173);
const LIMIT = Number(process.env.RATE_LIMIT_SUPPORT_FORM) || 5;

interface Answer {
	status: number;
	body: string;
	location: string | undefined;
}

function request(localAddress: string, method: 'GET' | 'POST', path: string, body = ''): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				localAddress,
				method,
				path,
				agent: false,
				headers: {
					origin: `http://127.0.0.1:${port}`,
					accept: 'text/html',
					...(method === 'POST'
						? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
						: {})
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, location: res.headers.location }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

let charter: { id: string; slug: string };
const path = () => `/public/${charter.slug}/installation`;

/** The signed opening time of a freshly opened form. */
async function openForm(address: string): Promise<string> {
	const page = await request(address, 'GET', path());
	expect(page.status).toBe(200);
	const token = /name="openedAt" value="([^"]+)"/.exec(page.body)?.[1];
	expect(token).toBeTruthy();
	return token!;
}

const valid = (token: string, extra: Record<string, string | string[]> = {}) => {
	const fields: Record<string, string | string[]> = {
		openedAt: token,
		website: '',
		firstName: 'Robot',
		lastName: 'Testeur',
		email: `robot.${randomUUID().slice(0, 8)}@example.com`,
		phone: '',
		locale: 'fr',
		profession: 'medecine',
		stage: 'interne',
		specialty: '',
		project: 'Un projet.',
		needs: ['logement'],
		communes: '47157',
		wishedOn: '',
		consent: 'on',
		...extra
	};
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
	return body.toString();
};

const stored = async () =>
	Number(
		(
			await sql<{ n: string }>('select count(*) as n from public.support_requests where charter_id = $1', [charter.id])
		)[0].n
	);

test.beforeAll(async () => {
	const tag = randomUUID().slice(0, 8);
	[charter] = await sql<{ id: string; slug: string }>(
		`insert into public.charters (slug, title, scope_level, status, is_public, intake_open)
		 values ($1, $2, 'departement', 'active', true, true) returning id, slug`,
		[`test-installation-abus-${tag}`, `Charte des abus ${tag}`]
	);
});

test.afterAll(async () => {
	await sql('delete from public.charters where id = $1', [charter.id]);
});

test('1 000 submissions from one address: at most the limit is stored, the rest is refused in French', async () => {
	test.setTimeout(180_000);
	const address = '127.0.0.21';
	const token = await openForm(address);
	await new Promise((r) => setTimeout(r, 3_100));
	const before = await stored();
	const statuses: number[] = [];
	let refusal = '';
	const bodies = Array.from({ length: 1000 }, () => valid(token));
	let next = 0;
	await Promise.all(
		Array.from({ length: 10 }, async () => {
			while (next < bodies.length) {
				const answer = await request(address, 'POST', path(), bodies[next++]);
				statuses.push(answer.status);
				if (answer.status === 429 && !refusal) refusal = answer.body;
			}
		})
	);
	expect(statuses).toHaveLength(1000);
	expect(statuses.filter((s) => s === 303)).toHaveLength(LIMIT);
	expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - LIMIT);
	expect(refusal).toContain('Trop de demandes envoyées depuis votre connexion');
	expect((await stored()) - before).toBe(LIMIT);
});

test('malformed posts each get a 4xx with a French message, and nothing is stored', async () => {
	test.setTimeout(120_000);
	const address = '127.0.0.22';
	const token = await openForm(address);
	const [time, mac] = token.split('.');
	const tooFast = await openForm(address);
	const tooFastAnswer = await request(address, 'POST', path(), valid(tooFast));
	await new Promise((r) => setTimeout(r, 3_100));
	const before = await stored();

	const cases: [string, string, RegExp][] = [
		['wrong type of profession', valid(token, { profession: '42' }), /Choisissez votre profession\./],
		['unknown stage', valid(token, { stage: 'retraite' }), /Indiquez où vous en êtes\./],
		['unknown need', valid(token, { needs: ['logement', 'yacht'] }), /Un des besoins cochés est inconnu/],
		['unknown commune', valid(token, { communes: '99999' }), /Ces codes ne correspondent à aucune commune : 99999/],
		['unknown commune name', valid(token, { communes: 'Zzyzxville' }), /Zzyzxville/],
		[
			'11 communes',
			valid(token, { communes: Array.from({ length: 11 }, (_, i) => 47100 + i).join(',') }),
			/au plus 10 communes/
		],
		[
			'10 000-character project',
			valid(token, { project: 'a'.repeat(10_000) }),
			/Votre projet fait 10\s000 caractères : 4 000 au plus/
		],
		['missing consent', valid(token, { consent: [] }), /Cochez la case de consentement/],
		['no contact', valid(token, { email: '', phone: '' }), /Indiquez une adresse e-mail ou un numéro de téléphone/],
		['bad e-mail', valid(token, { email: 'pas-une-adresse' }), /Cette adresse e-mail n(&#39;|')est pas valide/],
		['bad date', valid(token, { wishedOn: '2027-02-30' }), /date/i],
		['honeypot filled in', valid(token, { website: 'http://spam.example' }), /rempli automatiquement/],
		['tampered time', valid(token, { openedAt: `${Number(time) - 60_000}.${mac}` }), /le formulaire a été modifié/],
		['missing time', valid(token, { openedAt: '' }), /le formulaire a été modifié/],
		[
			'expired time',
			valid(token, { openedAt: `${Number(time) - 3 * 3_600_000}.${mac}` }),
			/le formulaire a été modifié/
		]
	];
	expect(tooFastAnswer.status).toBe(400);
	expect(tooFastAnswer.body).toContain('elle est partie trop vite');
	for (const [name, body, message] of cases) {
		const answer = await request(address, 'POST', path(), body);
		expect(answer.status, name).toBeGreaterThanOrEqual(400);
		expect(answer.status, name).toBeLessThan(500);
		expect(answer.body, name).toMatch(message);
		expect(answer.body, name).toContain('<html lang="fr"');
	}
	// Not a form at all.
	const json = await new Promise<number>((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				localAddress: address,
				method: 'POST',
				path: path(),
				agent: false,
				headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }
			},
			(res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			}
		);
		req.on('error', reject);
		req.end('{"firstName": 1}');
	});
	expect(json).toBeGreaterThanOrEqual(400);
	expect(json).toBeLessThan(500);
	expect(await stored()).toBe(before);

	// The same address still sends a correct request: the refusals above did not count against it.
	const ok = await request(address, 'POST', path(), valid(token));
	expect(ok.status).toBe(303);
	expect(await stored()).toBe(before + 1);
});
