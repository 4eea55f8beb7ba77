/**
 * The record of a meeting (issue 15, items 4 and 6), in Chromium: a coordinator holds a meeting (after a box
 * that says the dashboard will be frozen), an action moves, the dashboard shows "Depuis le COPIL du …", the
 * minutes are saved and their PDF downloads; the frozen report PDF too. Axe clean on both pages.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { sql } from '../helpers/env.ts';
import { todayParis } from '../helpers/dashboard-fixture.ts';
import { pdfPages } from '../helpers/pdf-text.ts';

const frDate = (iso: string) => iso.split('-').reverse().join('/');

test.describe('holding a meeting and its compte rendu', () => {
	let charter: TestCharter;
	let coordinator: { id: string; email: string };
	let meetingId: string;
	const today = todayParis();

	test.beforeAll(async () => {
		coordinator = await freshUser('coord-minutes', 'Camille Coordination');
		charter = await createCharter({
			title: 'Charte compte rendu',
			coordinatorId: coordinator.id,
			partners: ['Ordre des médecins 87'],
			objectives: [{ code: '1', title: 'Attirer des médecins' }],
			actions: [{ code: '1.1', objective: '1', title: 'Ouvrir une maison de santé', lead: 'Ordre des médecins 87' }]
		});
		await sql(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
			 values ($1, $2, $3, 'in_progress', 20, 'on_track', 'Lancement')`,
			[charter.actions['1.1'], charter.id, coordinator.id]
		);
		const [meeting] = await sql<{ id: string }>(
			`insert into public.meetings (charter_id, kind, title, starts_at, place)
			 values ($1, 'copil', 'COPIL de test', ($2::date + time '09:00') at time zone 'Europe/Paris', 'Salle du conseil')
			 returning id`,
			[charter.id, today]
		);
		meetingId = meeting.id;
		await sql(`insert into public.meeting_attendees (meeting_id, charter_id, user_id) values ($1, $2, $3)`, [
			meetingId,
			charter.id,
			coordinator.id
		]);
	});

	test.afterAll(async () => {
		await charter?.drop();
	});

	test('hold, compare on the dashboard, write and download the minutes', async ({ page }) => {
		const minutesPage = `/chartes/${charter.slug}/reunions/${meetingId}/compte-rendu`;
		await signInAs(page, coordinator.email, TEST_PASSWORD);
		await page.goto(minutesPage);
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: 'Tenir la réunion' }).click();
		const box = page.getByRole('region', { name: 'Tenir la réunion' }).filter({ hasText: 'fige le tableau de bord' });
		await expect(box).toBeVisible();
		await box.getByRole('button', { name: 'Tenir la réunion' }).click();
		await expect(page.getByText('La réunion est tenue : le tableau de bord est figé.')).toBeVisible();
		await expect(page.getByRole('heading', { name: `Ce qui a été présenté le ${frDate(today)}` })).toBeVisible();

		// An action moves after the meeting: the dashboard compares with what was presented.
		await sql(
			`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
			 values ($1, $2, $3, 'in_progress', 60, 'on_track', 'Travaux commencés')`,
			[charter.actions['1.1'], charter.id, coordinator.id]
		);
		await page.goto(`/chartes/${charter.slug}/tableau-de-bord`);
		const since = page.getByRole('region', { name: `Depuis le COPIL du ${frDate(today)}` });
		await expect(since).toBeVisible();
		const row = since.getByRole('row', { name: /1\.1 Ouvrir une maison de santé/ });
		await expect(row).toContainText('20');
		await expect(row).toContainText('60');
		await expect(row).toContainText('+40');
		await expectNoAxeViolations(page);

		// The report starts from that meeting by default, and its PDF opens on what changed since.
		await page.goto(`/chartes/${charter.slug}/rapport`);
		await expect(page.getByText(`Changements depuis le COPIL du ${frDate(today)}`)).toBeVisible();
		const [reportPdf] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Télécharger le rapport COPIL (PDF)' }).click()
		]);
		const first = pdfPages(await readFile((await reportPdf.path())!))[0].replace(/\s+/g, ' ');
		expect(first).toContain(`Depuis le COPIL du ${frDate(today)}`);
		expect(first).toContain('+40');

		await page.goto(minutesPage);
		const text = 'Tour de table des partenaires.\nLa maison de santé ouvrira au printemps.';
		await page.getByLabel('Texte du compte rendu').fill(text);
		await page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
		await expect(page.getByText('Compte rendu enregistré.')).toBeVisible();
		await page.reload();
		await expect(page.getByLabel('Texte du compte rendu')).toHaveValue(text);
		await expectNoAxeViolations(page);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Télécharger le compte rendu (PDF)' }).click()
		]);
		expect(download.suggestedFilename()).toBe(`compte-rendu-${today}.pdf`);
		const pdf = await readFile((await download.path())!);
		const words = pdfPages(pdf).join('\n').replace(/\s+/g, ' ');
		for (const expected of [
			`COPIL du ${frDate(today)}`,
			'Camille Coordination',
			'La maison de santé ouvrira au printemps.'
		])
			expect(words).toContain(expected);

		const [frozen] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Rapport COPIL figé (PDF)' }).click()
		]);
		const report = pdfPages(await readFile((await frozen.path())!)).join('\n');
		// Drawn from the snapshot: the progress presented (20 %), not today's (60 %).
		expect(report.replace(/\s+/g, ' ')).toContain('Ouvrir une maison de santé');
		expect(report).not.toMatch(/60\s?%/);
	});
});
