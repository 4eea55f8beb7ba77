/**
 * Issue 13, from the spreadsheet to invited partners (part "import"): an empty charter's first step is
 * "Importer votre plan"; the template lists the charter's partners with drop-down lists for the pilot, the
 * status and the health; the members page invites several addresses at once, refusing the whole list while a
 * line is wrong, then reporting each refusal next to the field.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { sql, uniqueEmail } from '../helpers/env.ts';
import { expectNoAxeViolations, waitForMail } from './helpers.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

let coordinator: { id: string; email: string };
const charters: TestCharter[] = [];

test.beforeAll(async () => {
	coordinator = await freshUser('coordination', 'Coordination Import');
});
test.afterAll(async () => {
	for (const c of charters) await c.drop();
});

async function charter(spec: Omit<Parameters<typeof createCharter>[0], 'coordinatorId'>) {
	const c = await createCharter({ ...spec, coordinatorId: coordinator.id });
	charters.push(c);
	return c;
}

test('an empty charter shows "Importer votre plan" first, on its home and its dashboard, until it has actions', async ({
	page
}) => {
	const empty = await charter({ title: 'Vide', partners: ['Ordre des médecins 87'] });
	const full = await charter({
		title: 'Pleine',
		partners: ['Ordre des médecins 87'],
		objectives: [{ code: '1', title: 'Un objectif' }],
		actions: [{ code: '1.1', objective: '1', title: 'Une action', lead: 'Ordre des médecins 87' }]
	});
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	for (const url of [`/chartes/${empty.slug}`, `/chartes/${empty.slug}/tableau-de-bord`]) {
		await page.goto(url);
		const call = page.getByRole('region', { name: "Votre charte n'a pas encore de plan d'action" });
		await expect(call).toBeVisible();
		// The first section of the page's content, before the figures and the plan.
		await expect(page.locator('main section').first()).toContainText('Importer votre plan');
		await expect(call.getByRole('link', { name: 'Importer votre plan' })).toHaveAttribute(
			'href',
			`/chartes/${empty.slug}/administration/import`
		);
		await expectNoAxeViolations(page);
	}
	for (const url of [`/chartes/${full.slug}`, `/chartes/${full.slug}/tableau-de-bord`]) {
		await page.goto(url);
		await expect(page.getByRole('link', { name: 'Importer votre plan' })).toHaveCount(0);
	}
});

test('the template lists the charter’s partners, with drop-down lists for the pilot, the status and the health', async ({
	page
}) => {
	const c = await charter({ title: 'Modèle', partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine'] });
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	const res = await page.request.get(`/chartes/${c.slug}/administration/import/modele.xlsx`);
	expect(res.status()).toBe(200);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
	const partners = book.getWorksheet('partenaires')!;
	const names: string[] = [];
	partners.eachRow((row, n) => void (n > 1 && names.push(String(row.getCell(1).value))));
	const [{ n }] = await sql<{ n: number }>(
		'select count(distinct organization_id)::int as n from public.charter_partners where charter_id = $1',
		[c.id]
	);
	expect(names).toHaveLength(n);
	expect(names.join('|')).toMatch(/Ordre des médecins/);
	expect(partners.getRow(1).getCell(6).value).toBe('E-mails des représentants');
	const actions = book.getWorksheet('actions')!;
	const headers = (actions.getRow(1).values as unknown[]).slice(1).map(String);
	const validation = (header: string) => {
		const letter = actions.getColumn(headers.indexOf(header) + 1).letter;
		return (actions as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } })
			.dataValidations.model[`${letter}2`]?.formulae[0];
	};
	expect(validation('Pilote')).toBe('partenaires!$A$2:$A$500');
	expect(validation('Statut')).toContain('En cours');
	expect(validation('Santé')).toContain('À risque');
});

test('the members page invites several addresses at once, and says next to the field what it refused', async ({
	page,
	browser
}) => {
	const c = await charter({
		title: 'Invitations groupées',
		partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine']
	});
	const [lea, hugo, zoe, already] = ['lea', 'hugo', 'zoe', 'deja'].map((l) => uniqueEmail(l));
	await sql(
		`insert into public.invitations (charter_id, email, role, organization_id, invited_by)
		 select $1, $2, 'partner_rep', id, $3 from public.organizations where short_name = 'ARS Nouvelle-Aquitaine'`,
		[c.id, already, coordinator.id]
	);
	const members = `/chartes/${c.slug}/administration/membres`;

	// With JavaScript: a wrong line refuses the whole list, every problem listed next to the field.
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(members);
	await page.waitForLoadState('networkidle');
	const field = page.getByLabel('Adresses e-mail', { exact: true });
	await field.fill(
		`${lea} ; Ordre des médecins 87\npas-une-adresse@\n${hugo}, ${zoe}; ARS Nouvelle-Aquitaine\n${already}`
	);
	await page.getByRole('button', { name: 'Envoyer les invitations' }).click();
	const errors = page.locator('#bulk-emails-error');
	await expect(errors).toContainText("Ligne 2 : « pas-une-adresse@ » n'est pas une adresse e-mail valide.");
	await expect(errors).toContainText("Ligne 4 : indiquez l'organisation que");
	await expect(errors).toContainText("Rien n'a été envoyé");
	await expect(field).toHaveAttribute('aria-describedby', /bulk-emails-error/);
	await expect(field).toHaveValue(new RegExp(lea.replace('.', '\\.')));
	expect(await pendingFor(c.id)).toEqual([already]);
	await expectNoAxeViolations(page);

	// Without JavaScript, a plain POST: three sent, the one already invited refused with why, kept in the field.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await signInAs(plain, coordinator.email, TEST_PASSWORD);
	await plain.goto(members);
	const since = new Date();
	const plainField = plain.getByLabel('Adresses e-mail', { exact: true });
	await plainField.fill(
		`${lea} ; Ordre des médecins 87\n${hugo}, ${zoe}; ARS Nouvelle-Aquitaine\n${already}; ARS Nouvelle-Aquitaine`
	);
	await plain.getByRole('button', { name: 'Envoyer les invitations' }).click();
	await expect(plain.getByText('Invitations envoyées : 3 sur 4.')).toBeVisible();
	await expect(plain.locator('#bulk-emails-error')).toContainText(
		`${already} : Une invitation est déjà en attente pour cette adresse`
	);
	await expect(plainField).toHaveValue(already);
	for (const email of [lea, hugo, zoe]) await waitForMail(email, since, 20_000);
	expect(await pendingFor(c.id)).toEqual([already, hugo, lea, zoe].sort());
	const [{ count }] = await sql<{ count: number }>(
		'select count(*)::int as count from public.charter_members where charter_id = $1',
		[c.id]
	);
	expect(count).toBe(1);
	const [org] = await sql<{ short_name: string }>(
		`select o.short_name from public.invitations i join public.organizations o on o.id = i.organization_id
		 where i.charter_id = $1 and i.email = $2`,
		[c.id, lea]
	);
	expect(org.short_name).toMatch(/Ordre/);
	await context.close();
});

test('the import invites the partners’ representatives in the same run, and says which address it refused and why', async ({
	page
}) => {
	const c = await charter({ title: 'Import et invitations', partners: ['Ordre des médecins 87'] });
	const [fresh, already] = ['nouveau', 'deja'].map((l) => uniqueEmail(l));
	await sql(
		`insert into public.invitations (charter_id, email, role, organization_id, invited_by)
		 select $1, $2, 'partner_rep', id, $3 from public.organizations where short_name = 'Ordre des médecins 87'`,
		[c.id, already, coordinator.id]
	);
	const book = new ExcelJS.Workbook();
	book.addWorksheet('objectifs').addRows([
		['Code', 'Titre'],
		['1', 'Accès aux soins']
	]);
	book.addWorksheet('actions').addRows([
		['Code', 'Objectif', 'Titre', 'Pilote'],
		['1.1', '1', 'Permanences de soins', 'Ordre des médecins 87']
	]);
	book.addWorksheet('partenaires').addRows([
		['Organisation', 'E-mails des représentants'],
		['Ordre des médecins 87', `${fresh}, ${already}`],
		['ARS Nouvelle-Aquitaine', coordinator.email.toUpperCase()]
	]);
	const file = path.join(await mkdtemp(path.join(tmpdir(), 'invites-')), 'plan.xlsx');
	await writeFile(file, new Uint8Array(await book.xlsx.writeBuffer()));

	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${c.slug}/administration/import`);
	await page.getByLabel('Fichier du plan').setInputFiles(file);
	await page.getByRole('button', { name: 'Analyser le fichier' }).click();
	const invites = page.getByRole('table', { name: "Adresses invitées à l'import, par partenaire" });
	await expect(invites.getByRole('row', { name: /Ordre des médecins 87/ })).toContainText(fresh);
	const since = new Date();
	await page.getByRole('button', { name: 'Importer dans la charte' }).click();
	await expect(page.getByText('Import terminé.')).toBeVisible();
	await expect(page.getByText('Invitations envoyées : 1 sur 3.')).toBeVisible();
	const refused = page.getByRole('alert').filter({ hasText: 'Adresses non invitées' });
	await expect(refused).toContainText(`${already} (Ordre des médecins 87) : Une invitation est déjà en attente`);
	await expect(refused).toContainText(`${coordinator.email} (ARS Nouvelle-Aquitaine) : Cette personne est déjà membre`);
	await waitForMail(fresh, since, 20_000);
	expect(await pendingFor(c.id)).toEqual([already, fresh].sort());
	await expectNoAxeViolations(page);
});

async function pendingFor(charterId: string): Promise<string[]> {
	const rows = await sql<{ email: string }>(
		"select email from public.invitations where charter_id = $1 and status = 'pending' and role = 'partner_rep' order by email",
		[charterId]
	);
	return rows.map((r) => r.email);
}
