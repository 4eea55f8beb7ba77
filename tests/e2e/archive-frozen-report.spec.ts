/**
 * The charter's archive and the frozen report in Storage (issue 16, parts 2 and 5), in Chromium: holding a
 * meeting files its frozen report, and "Rapport COPIL figé (PDF)" downloads those exact bytes; the
 * administration page offers the whole archive (a zip whose manifest names the charter) and closing the charter
 * says its archive is filed; a partner asking for the archive gets a 403 in words. Axe clean.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectNoAxeViolations } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { serviceClient, sql } from '../helpers/env.ts';
import { todayParis } from '../helpers/dashboard-fixture.ts';

test.describe('the archive and the frozen report', () => {
	let charter: TestCharter;
	let coordinator: { id: string; email: string };
	let partner: { id: string; email: string };
	let meetingId: string;
	const today = todayParis();

	test.beforeAll(async () => {
		coordinator = await freshUser('coord-archive', 'Camille Archive');
		partner = await freshUser('partner-archive', 'Paul Partenaire');
		charter = await createCharter({
			title: 'Charte archive',
			coordinatorId: coordinator.id,
			partners: ['Ordre des médecins 87'],
			members: [{ userId: partner.id, role: 'partner_rep', organization: 'Ordre des médecins 87' }],
			objectives: [{ code: '1', title: 'Attirer des médecins' }],
			actions: [{ code: '1.1', objective: '1', title: 'Ouvrir une maison de santé', lead: 'Ordre des médecins 87' }]
		});
		const [meeting] = await sql<{ id: string }>(
			`insert into public.meetings (charter_id, kind, title, starts_at, place)
			 values ($1, 'copil', 'COPIL archive', ($2::date + time '09:00') at time zone 'Europe/Paris', 'Salle du conseil')
			 returning id`,
			[charter.id, today]
		);
		meetingId = meeting.id;
	});

	test.afterAll(async () => {
		await charter?.drop();
	});

	test('holding the meeting files its frozen report, which the link then downloads as it is', async ({ page }) => {
		await signInAs(page, coordinator.email, TEST_PASSWORD);
		await page.goto(`/chartes/${charter.slug}/reunions/${meetingId}/compte-rendu`);
		await page.getByRole('button', { name: 'Tenir la réunion' }).click();
		const box = page.getByRole('region', { name: 'Tenir la réunion' }).filter({ hasText: 'fige le tableau de bord' });
		await box.getByRole('button', { name: 'Tenir la réunion' }).click();
		await expect(
			page.getByText('Le rapport figé a été enregistré dans les documents de la réunion.', { exact: false })
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Enregistrer le rapport figé' })).toHaveCount(0);
		await expectNoAxeViolations(page);

		const [document] = await sql<{ object_path: string }>(
			`select object_path from public.documents where meeting_id = $1 and kind = 'rapport_copil'`,
			[meetingId]
		);
		const stored = await serviceClient().storage.from('charter-documents').download(document.object_path);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Rapport COPIL figé (PDF)' }).click()
		]);
		expect(download.suggestedFilename()).toBe(`rapport-copil-${charter.slug}-${today}-fige.pdf`);
		const served = await readFile((await download.path())!);
		expect(served.equals(Buffer.from(await stored.data!.arrayBuffer()))).toBe(true);
	});

	test('a partner is refused the archive, in words', async ({ page }) => {
		await signInAs(page, partner.email, TEST_PASSWORD);
		const response = await page.request.get(`/chartes/${charter.slug}/archive.zip`);
		expect(response.status()).toBe(403);
		expect(await response.text()).toContain('Seule la coordination de la charte télécharge son archive complète.');
	});

	test('the administration page offers the archive, and closing the charter files it', async ({ page }) => {
		await signInAs(page, coordinator.email, TEST_PASSWORD);
		await page.goto(`/chartes/${charter.slug}/administration`);
		await expect(page.getByRole('heading', { name: 'Archive de la charte' })).toBeVisible();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: "Télécharger l'archive complète (zip)" }).click()
		]);
		expect(download.suggestedFilename()).toBe(`archive-${charter.slug}-${today}.zip`);
		const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
		const manifest = JSON.parse(strFromU8(files['manifest.json'])) as { charter: { id: string }; made_by: string };
		expect(manifest).toMatchObject({ charter: { id: charter.id }, made_by: 'Camille Archive' });
		expect(Object.keys(files)).toContain(
			'documents/rapport_copil/' + `rapport-copil-${charter.slug}-${today}-fige.pdf`
		);
		await expectNoAxeViolations(page);

		await page.getByLabel('Statut').selectOption('closed');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).first().click();
		await expect(page.getByText("L'archive de la charte a été enregistrée dans ses documents.")).toBeVisible();
		const archives = await sql<{ count: number }>(
			`select count(*)::int as count from public.documents where charter_id = $1 and kind = 'archive'`,
			[charter.id]
		);
		expect(archives[0].count).toBe(1);
	});
});
