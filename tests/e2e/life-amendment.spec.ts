/**
 * An amendment in the browser: the coordinator opens one, adds two actions through the plan editor, records it
 * as signed with its PDF and an organization joining the charter, and the difference shows the two actions as
 * added; the PDF is listed and downloads (a signed URL of the local Storage). The list of amendments, the
 * partners page and the charter's page show the signature. Every page passes axe.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

const FAC = 'Faculté de médecine de Limoges';
const REGION = 'Région Nouvelle-Aquitaine';
let charter: TestCharter;
let coordinator: { id: string; email: string };

test.beforeAll(async () => {
	coordinator = await freshUser('coord-avenant', 'Camille Avenant');
	charter = await createCharter({
		title: 'Charte des avenants',
		coordinatorId: coordinator.id,
		partners: [FAC],
		objectives: [{ code: '1', title: 'Attirer les internes' }],
		actions: [{ code: '1.1', objective: '1', title: 'Journée d’accueil des internes', lead: FAC }]
	});
});
test.afterAll(async () => {
	await charter?.drop();
});

async function addAction(page: import('@playwright/test').Page, code: string, title: string) {
	await page.goto(`/chartes/${charter.slug}/administration/plan`);
	await page.waitForLoadState('networkidle');
	await page
		.locator('.objective')
		.filter({ hasText: 'Attirer les internes' })
		.getByRole('link', { name: /Ajouter une action/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle action' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Numéro').fill(code);
	await page.getByLabel("Intitulé de l'action").fill(title);
	await page.getByLabel('Pilote').selectOption({ label: 'Faculté de médecine de Limoges (Faculté de Limoges)' });
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Action créée.')).toBeVisible();
}

test('a coordinator records an amendment that adds two actions, with its PDF, and the difference shows them', async ({
	page
}) => {
	test.setTimeout(180_000);
	const pdf = Buffer.from(`%PDF-1.4\n% Avenant n° 1 signé ${charter.slug}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	const list = `/chartes/${charter.slug}/avenants`;

	// The charter's navigation leads to its amendments; none yet.
	await page.goto(`/chartes/${charter.slug}`);
	await page.getByRole('link', { name: 'Avenants', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`${list}$`));
	await expect(page.getByText("Aucun avenant pour l'instant.")).toBeVisible();
	await expectNoAxeViolations(page);

	// Opening a draft keeps the plan as it stands.
	await page.getByRole('link', { name: 'Ouvrir un avenant' }).click();
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('Modifiez le plan')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel("Intitulé de l'avenant").fill('Bourse d’études et accueil des conjoints');
	await page.getByLabel('Résumé (facultatif)').fill('Deux actions nouvelles décidées en COPIL.');
	await page.getByRole('button', { name: "Ouvrir l'avenant" }).click();
	await expect(page).toHaveURL(new RegExp(`${list}/1\\?ouvert=1$`));
	await expect(page.getByText("L'avenant n° 1 est ouvert : le plan d'avant est gardé.")).toBeVisible();
	await expect(page.getByText('Aucun changement du plan.')).toBeVisible();
	await expectNoAxeViolations(page);

	// The plan is changed in the existing editor: two actions.
	await page.getByRole('link', { name: "dans l'éditeur du plan" }).click();
	await expect(page).toHaveURL(/\/administration\/plan$/);
	await addAction(page, '1.2', 'Bourse d’études pour les internes');
	await addAction(page, '1.3', 'Accueil des conjoints');

	// The draft shows them already (against today's plan), then is recorded as signed with its PDF.
	await page.goto(`${list}/1`);
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { name: '2 actions ajoutées' })).toBeVisible();
	const signing = page.locator('form[action="?/signer"]');
	await signing.getByLabel('Date de signature', { exact: true }).fill('2026-11-05');
	await signing
		.getByLabel(/Avenant signé/)
		.setInputFiles({ name: 'avenant-1-signé.pdf', mimeType: 'application/pdf', buffer: pdf });
	await signing.getByLabel('Organisation', { exact: true }).first().selectOption({ label: REGION });
	await expectNoAxeViolations(page);
	await signing.getByRole('button', { name: "Enregistrer l'avenant signé" }).click();
	await expect(page).toHaveURL(new RegExp(`${list}/1\\?signe=1$`));
	await expect(page.getByText("L'avenant n° 1 est enregistré comme signé : le plan d'après est gardé.")).toBeVisible();
	await expect(page.getByText('Signé le 05/11/2026')).toBeVisible();
	await expect(page.locator('form[action="?/signer"]')).toHaveCount(0);

	// The difference: the two actions, added, with their codes and titles.
	await expect(page.getByRole('heading', { name: '2 actions ajoutées' })).toBeVisible();
	const added = page.locator('h3#actions-added + ul');
	await expect(added.getByRole('listitem')).toHaveText([
		'Action 1.2 Bourse d’études pour les internes',
		'Action 1.3 Accueil des conjoints'
	]);
	await expect(page.getByText(`${REGION} — signataire le 05/11/2026`)).toBeVisible();

	// The PDF is listed and downloads, the same bytes.
	const row = page.getByRole('row', { name: /Avenant n° 1 signé/ });
	await expect(row).toContainText('avenant-1-signé.pdf');
	await expect(row).toContainText('Avenant');
	await expect(row).toContainText('Camille Avenant');
	await expectNoAxeViolations(page);
	const href = await row.getByRole('link').getAttribute('href');
	const response = await page.request.get(href!);
	expect(response.status()).toBe(200);
	expect(Buffer.from(await response.body()).equals(pdf)).toBe(true);
	expect(response.headers()['content-disposition']).toContain('attachment');

	const [stored] = await sql<{ kind: string; amendment: number; plan_after_actions: number }>(
		`select d.kind::text as kind, a.number as amendment, jsonb_array_length(a.plan_after -> 'actions') as plan_after_actions
		 from public.documents d join public.charter_amendments a on a.id = d.amendment_id where d.charter_id = $1`,
		[charter.id]
	);
	expect(stored).toEqual({ kind: 'avenant', amendment: 1, plan_after_actions: 3 });

	// The list sums it up in a line.
	await page.goto(list);
	const line = page.getByRole('row', { name: /Avenant n° 1/ });
	await expect(line).toContainText('05/11/2026');
	await expect(line).toContainText(
		'2 actions ajoutées : 1.2 Bourse d’études pour les internes, 1.3 Accueil des conjoints'
	);
	await expectNoAxeViolations(page);

	// The organization that joined: on the partners page (with its amendment) and the charter's page.
	await page.goto(`/chartes/${charter.slug}/administration/partenaires`);
	await page.waitForLoadState('networkidle');
	const region = page.getByRole('row', { name: new RegExp(REGION) });
	await expect(region.getByRole('link', { name: "a rejoint la charte par l'avenant n° 1" })).toBeVisible();
	await expect(region.getByLabel(`Date de signature de ${REGION}`)).toHaveValue('2026-11-05');
	await expectNoAxeViolations(page);
	const fac = page.getByRole('row', { name: new RegExp(FAC) });
	await fac.getByLabel(`Date de signature de ${FAC}`).fill('2024-09-25');
	await fac.getByRole('button', { name: /Enregistrer la date/ }).click();
	await expect(page.getByText(`Date de signature de ${FAC} enregistrée.`)).toBeVisible();

	await page.goto(`/chartes/${charter.slug}`);
	const signatories = page.getByRole('region', { name: 'Signataires' });
	await expect(signatories).toContainText(`${FAC} — signataire le 25/09/2024`);
	await expect(signatories).toContainText(`${REGION} — signataire le 05/11/2026`);
	await expect(signatories.getByRole('link', { name: "a rejoint la charte par l'avenant n° 1" })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('without JavaScript: a missing PDF is said next to its field, then the amendment is recorded as signed', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const other = await createCharter({
		title: 'Charte des avenants sans JavaScript',
		coordinatorId: coordinator.id,
		partners: [FAC],
		objectives: [{ code: '1', title: 'Attirer les internes' }]
	});
	try {
		await signInAs(page, coordinator.email, TEST_PASSWORD);
		await page.goto(`/chartes/${other.slug}/avenants/nouveau`);
		await page.getByLabel("Intitulé de l'avenant").fill('Avenant sans JavaScript');
		await page.getByRole('button', { name: "Ouvrir l'avenant" }).click();
		await expect(page.getByText("L'avenant n° 1 est ouvert : le plan d'avant est gardé.")).toBeVisible();

		const signing = page.locator('form[action="?/signer"]');
		await signing.getByLabel('Date de signature', { exact: true }).fill('2026-10-01');
		await signing.getByRole('button', { name: "Enregistrer l'avenant signé" }).click();
		const file = page.getByLabel(/Avenant signé/);
		await expect(file).toHaveAttribute('aria-invalid', 'true');
		await expect(page.locator('#sign-file-error')).toHaveText("Joignez l'avenant signé.");
		await expect(page.getByLabel('Date de signature', { exact: true })).toHaveValue('2026-10-01');
		expect(
			(await sql('select 1 from public.charter_amendments where charter_id = $1 and signed_on is not null', [other.id]))
				.length
		).toBe(0);

		await page.getByLabel(/Avenant signé/).setInputFiles({
			name: 'avenant.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(`%PDF-1.4\n% ${other.slug}\n%%EOF\n`)
		});
		await page.getByRole('button', { name: "Enregistrer l'avenant signé" }).click();
		await expect(
			page.getByText("L'avenant n° 1 est enregistré comme signé : le plan d'après est gardé.")
		).toBeVisible();
		await expect(page.getByText('Signé le 01/10/2026')).toBeVisible();
		await expect(page.getByRole('row', { name: /Avenant n° 1 signé/ })).toContainText('avenant.pdf');
	} finally {
		await context.close();
		await other.drop();
	}
});
