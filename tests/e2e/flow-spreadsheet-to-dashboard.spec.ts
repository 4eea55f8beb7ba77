/**
 * Issue 13's second moment, timed: a coordinator goes from the charter's existing spreadsheet to a live
 * dashboard with every partner invited, in under five minutes. The spreadsheet resembles the ones charters
 * keep (Vaucluse Santé Attractivité, the Haute-Vienne plan): a title row and a blank row above the headers,
 * the partnership's own column names, a column nothing reads, and the representatives' e-mail addresses in
 * the partners sheet. The clicks are counted from the charters list, after sign-in; the invitation e-mails
 * are read in the real mailbox.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect, test, type Locator } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations, waitForMail } from './helpers.ts';
import { freshUser, grantCharterCreation, signInAs, TEST_PASSWORD } from './fixtures.ts';

test.describe.configure({ timeout: 300_000 });

const tag = randomUUID().slice(0, 6);
const TITLE = `Vaucluse Santé Attractivité ${tag}`;

/** The partners, as the partnership lists them, with their representatives' addresses. */
const partners: { name: string; type: string; role: string; emails: string[] }[] = [
	{
		name: `Agence d'attractivité du Vaucluse ${tag}`,
		type: 'Agence',
		role: 'Pilote; Signataire',
		emails: [`c.reungoat.${tag}@example.com`]
	},
	{
		name: `ARS Provence-Alpes-Côte d'Azur ${tag}`,
		type: 'ARS',
		role: 'Signataire; Financeur',
		emails: [`dd84.${tag}@example.com`, `appui.${tag}@example.com`]
	},
	{
		name: `Département de Vaucluse ${tag}`,
		type: 'Département',
		role: 'Signataire; Financeur',
		emails: [`sante.cd84.${tag}@example.com`]
	},
	{
		name: `Ordre des médecins de Vaucluse ${tag}`,
		type: 'Ordre des médecins',
		role: 'Signataire',
		emails: [`cdom84.${tag}@example.com`]
	},
	{
		name: `MSA Alpes-Vaucluse ${tag}`,
		type: 'MSA',
		role: 'Partenaire contributeur',
		emails: [`msa.${tag}@example.com`]
	},
	{
		name: `CPAM de Vaucluse ${tag}`,
		type: 'Assurance Maladie (CPAM)',
		role: 'Partenaire contributeur',
		emails: [`cpam84.${tag}@example.com`]
	},
	{ name: `Région Sud ${tag}`, type: 'Région', role: 'Financeur', emails: [`region.${tag}@example.com`] }
];
const [agency, ars, departement, ordre, msa, cpam] = partners.map((p) => p.name);
const objectives = [
	['1', 'Accompagner l’installation des médecins'],
	['2', 'Accueillir et fidéliser les internes'],
	['3', 'Faire connaître le territoire']
];
const actions = [
	[
		'1.1',
		'1',
		'Guichet unique d’accompagnement à l’installation',
		agency,
		`${ordre}; ${cpam}`,
		'01/04/2024',
		'31/12/2026',
		'En cours',
		0.6,
		'Dans les temps',
		'Charlotte'
	],
	[
		'1.2',
		'1',
		'Aide à la recherche de logement et d’emploi du conjoint',
		agency,
		departement,
		'01/09/2024',
		'30/06/2026',
		'En cours',
		0.35,
		'À risque',
		''
	],
	[
		'1.3',
		'1',
		'Accompagnement technique par l’Ordre et les CPTS',
		ordre,
		'',
		'01/04/2024',
		'',
		'En cours',
		0.5,
		'Dans les temps',
		''
	],
	[
		'2.1',
		'2',
		'Accueil des internes et réseau de maîtres de stage',
		ars,
		`${msa}; ${departement}`,
		'01/11/2024',
		'31/10/2027',
		'En cours',
		0.2,
		'Dans les temps',
		'à relancer'
	],
	[
		'2.2',
		'2',
		'Journées de découverte du territoire',
		departement,
		agency,
		'01/05/2025',
		'31/05/2025',
		'Réalisée',
		1,
		'',
		''
	],
	[
		'3.1',
		'3',
		'Marketing territorial auprès des professionnels de santé',
		agency,
		ars,
		'01/06/2024',
		'31/12/2025',
		'À venir',
		0,
		'',
		''
	],
	[
		'3.2',
		'3',
		'Présence aux salons et congrès de médecine générale',
		agency,
		`${ordre}; ${msa}`,
		'',
		'',
		'À venir',
		0,
		'',
		''
	]
];

/** The partnership's workbook: each sheet opens with its title row and a blank row, then the headers. */
async function charterWorkbook(dir: string): Promise<string> {
	const book = new ExcelJS.Workbook();
	const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
		const ws = book.addWorksheet(name);
		ws.addRow([`${TITLE} — ${name}, suivi au 01/12/2026`]).font = { bold: true, size: 14 };
		ws.addRow([]);
		ws.addRow(header).font = { bold: true };
		for (const row of rows) ws.addRow(row);
		return ws;
	};
	sheet('Objectifs', ['N°', 'Intitulé'], objectives);
	const ws = sheet(
		'Actions',
		[
			'N°',
			'Objectif',
			'Intitulé',
			'Pilote',
			'Partenaires',
			'Date de début',
			'Échéance',
			'Statut',
			'Avancement',
			'Météo',
			'Observations'
		],
		actions
	);
	// The progress column is formatted as a percentage, as partnerships keep it.
	for (let r = 4; r < 4 + actions.length; r++) ws.getCell(r, 9).numFmt = '0%';
	sheet(
		'Partenaires',
		['Partenaire', 'Type', 'Rôle', 'E-mails'],
		partners.map((p) => [p.name, p.type, p.role, p.emails.join(', ')])
	);
	const file = path.join(dir, 'VSA-plan-2024-2027.xlsx');
	await writeFile(file, new Uint8Array(await book.xlsx.writeBuffer()));
	return file;
}

test('from the spreadsheet to a dashboard with every partner invited, in under five minutes', async ({ page }) => {
	const coordinator = await freshUser('coordination', 'Charlotte Coordination');
	await grantCharterCreation(coordinator.id);
	const file = await charterWorkbook(await mkdtemp(path.join(tmpdir(), 'flow-')));
	await signInAs(page, coordinator.email, TEST_PASSWORD);

	let clicks = 0;
	const click = async (target: Locator) => {
		clicks++;
		await target.click();
	};
	const started = Date.now();
	const since = new Date();

	await page.goto('/chartes');
	await click(page.getByRole('link', { name: 'Créer une charte' }));
	await page.getByLabel('Intitulé', { exact: true }).fill(TITLE);
	await click(page.getByRole('button', { name: 'Créer la charte' }));
	await click(page.getByRole('link', { name: 'Importer votre plan' }));
	// Choosing the file is one click in the browser's dialog.
	clicks++;
	await page.getByLabel('Fichier du plan').setInputFiles(file);
	await click(page.getByRole('button', { name: 'Analyser le fichier' }));

	await expect(page.getByText('Aucun problème : le fichier peut être importé.')).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'ne seront pas importées' })).toContainText(
		'« Observations »'
	);
	const previewActions = page.getByRole('table', { name: /Actions du fichier/ });
	await expect(previewActions.getByRole('row')).toHaveCount(actions.length + 1);
	await expect(previewActions.getByRole('row', { name: /Journées de découverte/ })).toContainText(departement);
	await expect(page.getByRole('table', { name: /Adresses invitées à l'import/ })).toContainText(
		`dd84.${tag}@example.com`
	);
	await expectNoAxeViolations(page);
	await click(page.getByRole('button', { name: 'Importer dans la charte' }));

	const emails = partners.flatMap((p) => p.emails);
	await expect(page.getByText('Import terminé.')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText(`Invitations envoyées : ${emails.length} sur ${emails.length}.`)).toBeVisible();
	await click(page.getByRole('link', { name: 'Voir le tableau de bord' }));
	await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
	await expect(page.locator('[data-figure="actions_total"]')).toHaveAttribute('data-value', String(actions.length));
	for (const [, title] of objectives)
		await expect(page.getByRole('heading', { name: new RegExp(title) })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Importer votre plan' })).toHaveCount(0);

	// Every representative's invitation arrived in the mailbox.
	for (const email of emails) await waitForMail(email, since, 30_000);
	const seconds = Math.round((Date.now() - started) / 100) / 10;
	console.log(`flow: spreadsheet→dashboard ${seconds} s, ${clicks} clicks`);
	expect(seconds).toBeLessThan(300);

	// Invited, not made members: membership stays by consent.
	const [charter] = await sql<{ id: string }>('select id from public.charters where title = $1', [TITLE]);
	const invitations = await sql<{ email: string; role: string; status: string; organization: string }>(
		`select i.email, i.role, i.status, o.name as organization from public.invitations i
		 join public.organizations o on o.id = i.organization_id where i.charter_id = $1 order by i.email`,
		[charter.id]
	);
	const expected = partners
		.flatMap((p) => p.emails.map((email) => ({ email, role: 'partner_rep', status: 'pending', organization: p.name })))
		.sort((a, b) => a.email.localeCompare(b.email));
	expect(invitations).toEqual(expected);
	const [{ members }] = await sql<{ members: number }>(
		'select count(*)::int as members from public.charter_members where charter_id = $1',
		[charter.id]
	);
	expect(members).toBe(1);
	const [progress] = await sql<{ progress: number }>(
		"select progress from public.actions where charter_id = $1 and code = '1.1'",
		[charter.id]
	);
	expect(progress.progress).toBe(60);
	await sql('delete from public.charters where id = $1', [charter.id]);
});
