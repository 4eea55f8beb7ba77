/**
 * The COPIL report as a real PDF file (issue 13): downloaded from the dashboard's button, 2 to 4 A4 pages for a
 * 7- to 12-action charter, a first page of what changed and what to decide, the charter's access rules.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';
import { figure } from './dashboard-helpers.ts';
import { createCharter, demoId } from './fixtures.ts';
import { sql } from '../helpers/env.ts';
import { shiftDays, todayParis } from '../helpers/dashboard-fixture.ts';
import { pdfPages } from '../helpers/pdf-text.ts';

const HV_TITLE = 'Plan d’attractivité médicale de la Haute-Vienne';
const fr = (n: number) =>
	new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(n / 100);
const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** The text between two headings of the report. */
function between(text: string, from: string, to: string): string {
	const start = text.indexOf(from);
	expect(start, `« ${from} » in the report`).toBeGreaterThanOrEqual(0);
	const end = text.indexOf(to, start);
	return text.slice(start, end < 0 ? undefined : end);
}

async function downloadFromDashboard(page: Page, slug: string): Promise<{ name: string; pdf: Buffer }> {
	await page.goto(`/chartes/${slug}/tableau-de-bord`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Rapport COPIL (PDF)' }).click()
	]);
	return { name: download.suggestedFilename(), pdf: await readFile((await download.path())!) };
}

/** The day of the charter's last held meeting (its snapshot): where the report starts by default. */
async function lastMeetingDay(slug: string): Promise<string> {
	const [row] = await sql<{ day: string }>(
		`select to_char(s.taken_on, 'YYYY-MM-DD') as day from public.meeting_snapshots s
		 join public.charters c on c.id = s.charter_id where c.slug = $1 order by s.taken_at desc limit 1`,
		[slug]
	);
	expect(row, `a held meeting in ${slug}`).toBeTruthy();
	return row.day;
}

function expectPagesWithFooter(pages: string[], footer: string): void {
	expect(pages.length).toBeGreaterThanOrEqual(2);
	expect(pages.length).toBeLessThanOrEqual(4);
	pages.forEach((text, i) => {
		expect(text).toContain(`Page ${i + 1} / ${pages.length}`);
		expect(text).toContain(footer);
	});
}

test.describe('COPIL report PDF', () => {
	test('the Haute-Vienne report downloads as a PDF of 2 to 4 pages that says what changed and what to decide', async ({
		page
	}) => {
		await signIn(page, 'coordination.hv@example.org');
		await page.goto('/chartes/haute-vienne/tableau-de-bord');
		const actions = Number(await figure(page, 'actions_total'));
		const progress = Number(await figure(page, 'progress'));
		const { name, pdf } = await downloadFromDashboard(page, 'haute-vienne');
		const today = todayParis();
		expect(name).toBe(`rapport-copil-haute-vienne-${today}.pdf`);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await writeFile(test.info().outputPath('rapport-copil-haute-vienne.pdf'), pdf);

		const pages = pdfPages(pdf);
		expectPagesWithFooter(pages, 'Rapport COPIL du');
		const text = pages.join(' ');
		expect(text).toContain(HV_TITLE);
		expect(text).toContain(`${actions} Actions`);
		expect(text).toContain(`${fr(progress)} Avancement global`);
		expect(text).not.toMatch(/imprimez|Enregistrer au format PDF/i);

		// The first page: what changed since the last held COPIL (the seed's), the default start of the report.
		const since = await lastMeetingDay('haute-vienne');
		expect(pages[0]).toContain(`Depuis le COPIL du ${frDate(since)}`);
		// What changed: exactly the actions whose journal moved since that meeting.
		const changes = between(text, `Ce qui a changé depuis le ${frDate(since)}`, 'Ce que le COPIL doit décider');
		const rows = await sql<{ code: string; moved: boolean; blocked: boolean; comment: string | null }>(
			`select a.code, a.status = 'blocked' as blocked,
			   exists (select 1 from public.action_updates u where u.action_id = a.id
			           and u.created_at >= ($2::date::timestamp at time zone 'Europe/Paris')) as moved,
			   (select u.comment from public.action_updates u where u.action_id = a.id and u.comment is not null
			    order by u.created_at desc limit 1) as comment
			 from public.actions a join public.charters c on c.id = a.charter_id
			 where c.slug = $1 and a.archived_at is null`,
			['haute-vienne', since]
		);
		expect(rows.length).toBe(actions);
		expect(rows.some((r) => r.moved)).toBe(true);
		for (const r of rows) expect(changes.includes(`${r.code} `), `${r.code} listed as changed`).toBe(r.moved);

		// What to decide: every blocked action, with the decision it calls for.
		const decide = between(text, 'Ce que le COPIL doit décider', 'Avancement des actions');
		for (const r of rows.filter((x) => x.blocked)) expect(decide).toContain(`${r.code} `);
		expect(decide).toContain('À décider : lever le blocage');

		// One action table, with each action's latest comment.
		const table = between(text, 'Avancement des actions', 'Avancement en graphiques');
		for (const r of rows.filter((x) => x.comment)) expect(table).toContain(r.comment!.slice(0, 40));
	});

	test('a 12-action charter fits on 2 to 4 pages too, and the report follows the date of the previous one', async ({
		page
	}) => {
		const coordinator = demoId('coordination.hv@example.org');
		const objectives = ['1', '2', '3', '4'].map((code) => ({
			code,
			title: `Objectif ${code} : attirer et fidéliser les professionnels de santé sur le territoire`
		}));
		const leads = ['ARS Nouvelle-Aquitaine', 'Ordre des médecins 87', 'Faculté de Limoges'];
		const charter = await createCharter({
			title: 'Plan de douze actions',
			coordinatorId: coordinator,
			objectives,
			actions: Array.from({ length: 12 }, (_, i) => ({
				code: `${Math.floor(i / 3) + 1}.${(i % 3) + 1}`,
				objective: String(Math.floor(i / 3) + 1),
				title: `Accompagner les projets d’installation des médecins dans les zones fragiles, volet ${i + 1}`,
				lead: leads[i % 3],
				contributors: [leads[(i + 1) % 3]]
			}))
		});
		try {
			const today = todayParis();
			for (const [i, id] of Object.values(charter.actions).entries()) {
				// Two entries each: one 200 days ago, one 10 days ago for even actions only.
				await sql(
					`insert into public.action_updates (action_id, charter_id, status, progress, health, comment, author_name, created_at)
					 values ($1, $2, 'in_progress', 20, 'on_track', $3, 'Claire Martin', now() - interval '200 days')`,
					[id, charter.id, `Lancement du volet ${i + 1} avec les partenaires du territoire.`]
				);
				if (i % 2 === 0) {
					await sql(
						`insert into public.action_updates (action_id, charter_id, status, progress, health, comment, author_name, created_at)
						 values ($1, $2, 'in_progress', 45, 'on_track', $3, 'Claire Martin', now() - interval '10 days')`,
						[id, charter.id, `Point d’étape du volet ${i + 1} : les réunions ont eu lieu, la suite est fixée.`]
					);
				}
			}
			await signIn(page, 'coordination.hv@example.org');
			const { name, pdf } = await downloadFromDashboard(page, charter.slug);
			expect(name).toBe(`rapport-copil-${charter.slug}-${today}.pdf`);
			const pages = pdfPages(pdf);
			expectPagesWithFooter(pages, charter.title.slice(0, 20));
			const text = pages.join(' ');
			for (const code of Object.keys(charter.actions)) expect(text).toContain(`${code} `);
			const changes = between(text, 'Ce qui a changé depuis le', 'Ce que le COPIL doit décider');
			expect(changes.match(/20\s%\s→\s45\s%/g)).toHaveLength(6);

			// With the previous report a year ago, every action changed since.
			const since = shiftDays(today, -365);
			const response = await page.request.get(`/chartes/${charter.slug}/rapport/pdf?depuis=${since}`);
			expect(response.headers()['content-type']).toBe('application/pdf');
			const year = pdfPages(await response.body()).join(' ');
			const all = between(year, `Ce qui a changé depuis le ${frDate(since)}`, 'Ce que le COPIL doit décider');
			expect(all.match(/, 0\s%\s→\s(20|45)\s%/g)).toHaveLength(12);
		} finally {
			await charter.drop();
		}
	});

	test('a date that does not exist is a 400 with its reason; outsiders get no PDF', async ({ page, browser }) => {
		await signIn(page, 'coordination.hv@example.org');
		const bad = await page.request.get('/chartes/haute-vienne/rapport/pdf?depuis=31/06/2026');
		expect(bad.status()).toBe(400);
		expect(await bad.text()).toMatch(/Cette date n(&#39;|')existe pas/);
		const future = await page.request.get(`/chartes/haute-vienne/rapport/pdf?depuis=${shiftDays(todayParis(), 5)}`);
		expect(future.status()).toBe(400);

		const anonymous = await browser.newContext();
		const anon = await anonymous.request.get('/chartes/haute-vienne/rapport/pdf', { maxRedirects: 0 });
		expect(anon.status()).toBe(303);
		expect(anon.headers().location).toContain('/connexion');
		await anonymous.close();

		const other = await browser.newPage();
		await signIn(other, 'coordination.normandie@example.org');
		const outsider = await other.request.get('/chartes/haute-vienne/rapport/pdf', { maxRedirects: 0 });
		expect(outsider.headers()['content-type'] ?? '').not.toContain('application/pdf');
		expect([303, 404]).toContain(outsider.status());
		await other.close();
	});

	test('the report page, without JavaScript, takes the date of the previous report and says when it is wrong', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, 'copil.hv@example.org');
		await page.goto('/chartes/haute-vienne/rapport');
		const today = todayParis();
		const meetingDay = await lastMeetingDay('haute-vienne');
		await expect(page.getByRole('heading', { name: `Ce qui a changé depuis le ${frDate(meetingDay)}` })).toBeVisible();
		await expect(page.getByText(`Changements depuis le COPIL du ${frDate(meetingDay)}`)).toBeVisible();
		const year = shiftDays(today, -365);
		await page.getByLabel('Changements depuis le').fill(year);
		await page.getByRole('button', { name: "Mettre à jour l'aperçu" }).click();
		await expect(page.getByRole('heading', { name: `Ce qui a changé depuis le ${frDate(year)}` })).toBeVisible();
		const href = await page.getByRole('link', { name: 'Télécharger le rapport COPIL (PDF)' }).getAttribute('href');
		expect(href).toContain(`depuis=${year}`);
		const pdf = pdfPages(await (await page.request.get(href!)).body()).join(' ');
		expect(pdf).toContain(`Ce qui a changé depuis le ${frDate(year)}`);

		await page.goto('/chartes/haute-vienne/rapport?depuis=31/06/2026');
		await expect(page.getByText("Cette date n'existe pas.")).toBeVisible();
		await expect(page.getByLabel('Changements depuis le')).toHaveAttribute('aria-invalid', 'true');
		await context.close();
	});
});
