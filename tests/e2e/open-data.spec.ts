/**
 * Open data and yearly targets in the browser. A published charter of its own: its coordinator files a public
 * document through the API (supabase-js Storage upload, then a documents row marked public); the public page
 * lists it and its link downloads the file; the DCAT-AP description it links to is served with the shape
 * data.gouv.fr harvests. The coordinator sets a target for 2025 (an empty target is refused), the indicator's
 * page shows it, and the dashboard of 2025 compares it with the year's last value, without JavaScript.
 */
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { dcatShapeProblems } from '../../src/lib/open-data/dcat-shape.ts';
import { anonClient, sql } from '../helpers/env.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { expectNoAxeViolations } from './helpers.ts';

const PDF = Buffer.from('%PDF-1.4\n% Charte signée (e2e open data)\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let charter: TestCharter;
let coordinator: { id: string; email: string };
let indicatorId = '';

test.beforeAll(async () => {
	coordinator = await freshUser('coord-open-data', 'Coordination données ouvertes');
	charter = await createCharter({
		title: 'Charte ouverte',
		coordinatorId: coordinator.id,
		partners: ['ARS Nouvelle-Aquitaine'],
		objectives: [{ code: '1', title: 'Faire connaître le territoire' }],
		actions: [{ code: '1.1', objective: '1', title: 'Accueillir les internes', lead: 'ARS Nouvelle-Aquitaine' }],
		indicators: [{ name: 'Internes accueillis', action: '1.1', unit: 'internes' }]
	});
	await sql(`update public.charters set is_public = true where id = $1`, [charter.id]);
	const [indicator] = await sql<{ id: string }>(`select id from public.indicators where charter_id = $1`, [charter.id]);
	indicatorId = indicator.id;
	await sql(
		`insert into public.indicator_values (indicator_id, charter_id, measured_on, value) values
		 ($1, $2, '2025-06-30', 80), ($1, $2, '2025-10-01', 95), ($1, $2, '2026-06-30', 110)`,
		[indicatorId, charter.id]
	);

	// The coordinator files the signed charter as a public document, through the API as the app does.
	const client = anonClient();
	const { error: signInError } = await client.auth.signInWithPassword({
		email: coordinator.email,
		password: TEST_PASSWORD
	});
	expect(signInError).toBeNull();
	const path = `${charter.id}/charte/charte-signee.pdf`;
	const upload = await client.storage.from('charter-documents').upload(path, PDF, { contentType: 'application/pdf' });
	expect(upload.error).toBeNull();
	const row = await client.from('documents').insert({
		charter_id: charter.id,
		kind: 'charte_signee',
		title: 'Charte signée le 05/11/2026',
		object_path: path,
		file_name: 'charte-signee.pdf',
		size: PDF.length,
		mime_type: 'application/pdf',
		sha256: createHash('sha256').update(PDF).digest('hex'),
		is_public: true
	});
	expect(row.error).toBeNull();
});

test.afterAll(async () => {
	await sql(`delete from storage.objects where bucket_id = 'charter-documents' and name like $1`, [`${charter.id}/%`]);
	await charter.drop();
});

test('the public page lists a public document, downloads it and serves the DCAT description', async ({ page }) => {
	await page.goto(`/public/${charter.slug}`);
	const documents = page.getByRole('table', { name: 'Documents rendus publics par la coordination' });
	const link = documents.getByRole('link', { name: /Charte signée le 05\/11\/2026/ });
	await expect(link).toBeVisible();
	await expect(documents.getByRole('row').nth(1)).toContainText('Charte signée');
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	expect(download.suggestedFilename()).toBe('charte-signee.pdf');
	const file = await download.createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of file) chunks.push(chunk as Buffer);
	expect(Buffer.concat(chunks).equals(PDF)).toBe(true);

	const openData = page.getByRole('region', { name: 'Données ouvertes' });
	await expect(openData.getByTestId('open-data-licence')).toHaveText('Licence Ouverte 2.0 (Etalab)');
	const alternate = await page.locator('head link[rel="alternate"][type="application/ld+json"]').getAttribute('href');
	expect(alternate).toBe(`/public/${charter.slug}/donnees/dcat.jsonld`);
	const dcatLink = openData.getByRole('link', { name: /Description DCAT-AP/ });
	await expect(dcatLink).toHaveAttribute('href', alternate!);
	const response = await page.request.get(alternate!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/ld+json; charset=utf-8');
	const doc = await response.json();
	expect(dcatShapeProblems(doc)).toEqual([]);
	const distributions = doc['dcat:dataset'][0]['dcat:distribution'].map(
		(d: { 'dcat:downloadURL': { '@id': string } }) => new URL(d['dcat:downloadURL']['@id']).pathname
	);
	expect(distributions).toContain(`/public/${charter.slug}/donnees/plan.csv`);
	expect(distributions.some((p: string) => p.startsWith(`/public/${charter.slug}/documents/`))).toBe(true);
	const csv = await page.request.get(`/public/${charter.slug}/donnees/plan.csv`);
	expect(await csv.text()).toContain('Accueillir les internes');
	await expectNoAxeViolations(page);

	// A document id that is not public, or a charter that is not published, is a 404.
	expect(
		(await page.request.get(`/public/${charter.slug}/documents/00000000-0000-4000-8000-000000000000`)).status()
	).toBe(404);
});

test('a yearly target is set on the indicator, shown on its page and on the dashboard of 2025', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/administration/indicateurs/${indicatorId}`);
	const targets = page.getByRole('region', { name: 'Cibles par année' });
	await targets.getByLabel('Année').fill('2025');
	await targets.getByRole('button', { name: 'Enregistrer la cible' }).click();
	await expect(
		targets.getByText("Indiquez la cible de cette année (un nombre : un champ vide n'est pas 0).")
	).toBeVisible();
	await targets.getByLabel('Cible (internes)').fill('100');
	await targets.getByRole('button', { name: 'Enregistrer la cible' }).click();
	await expect(targets.getByText('Cible 2025 enregistrée.')).toBeVisible();
	await expect(targets.getByRole('table', { name: 'Cibles annuelles' })).toContainText('2025');
	await expectNoAxeViolations(page);

	await page.goto(`/chartes/${charter.slug}/indicateurs/${indicatorId}`);
	await expect(page.getByText('Cible 2025 : 100 internes.')).toBeVisible();
	await expect(page.locator('figure table')).toContainText('Cible 2025');

	// The dashboard of 2025, without JavaScript: a GET form.
	const context = await browser.newContext({ javaScriptEnabled: false });
	await context.addCookies(await page.context().cookies());
	const plain = await context.newPage();
	await plain.goto(`/chartes/${charter.slug}/tableau-de-bord`);
	await plain.getByLabel('Année', { exact: true }).selectOption('2025');
	await plain.getByRole('button', { name: 'Afficher' }).click();
	await expect(plain).toHaveURL(/annee=2025/);
	const row = plain.getByTestId('dashboard-year').locator(`tr[data-indicator="${indicatorId}"]`);
	await expect(row).toContainText('95 internes');
	await expect(row).toContainText('01/10/2025');
	await expect(row).toContainText('100 internes');
	await expect(row).toContainText('cible 2025');
	await expect(row).toContainText('Cible non atteinte');
	await context.close();

	await page.goto(`/chartes/${charter.slug}/tableau-de-bord?annee=2025`);
	await expect(page.getByRole('heading', { name: "L'année 2025" })).toBeVisible();
	await expectNoAxeViolations(page);
});
