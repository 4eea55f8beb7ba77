/**
 * A coordinator sets a charter up: creates it, edits its details, adds a partner, numbers and reorders the
 * objectives (buttons that work without JavaScript), creates an action with the commune picker, adds an
 * indicator and a funding, and archives an action with history (after a confirmation). Every page of the
 * administration passes axe.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations } from './helpers.ts';
import { freshUser, grantCharterCreation, signInAs, TEST_PASSWORD } from './fixtures.ts';

let coordinator: { id: string; email: string };
const charters: string[] = [];

test.beforeAll(async () => {
	coordinator = await freshUser('coordination', 'Agathe Administration');
	await grantCharterCreation(coordinator.id);
});
test.afterAll(async () => {
	for (const slug of charters) await sql('delete from public.charters where slug = $1', [slug]);
});

async function createCharter(page: import('@playwright/test').Page, title: string): Promise<string> {
	await page.goto('/chartes');
	await page.getByRole('link', { name: 'Créer une charte' }).click();
	await expect(page).toHaveURL(/\/chartes\/nouvelle$/);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Intitulé', { exact: true }).fill(title);
	await page.getByLabel('Échelle').selectOption({ label: 'Département' });
	await page.getByRole('button', { name: 'Créer la charte' }).click();
	await expect(page).toHaveURL(/\/administration\?creee$/);
	const slug = new URL(page.url()).pathname.split('/')[2];
	charters.push(slug);
	return slug;
}

test('a coordinator creates a charter and sets its plan up', async ({ page }) => {
	// A long walk through every administration page, with an axe scan on each: slow on a busy 2-core machine.
	test.setTimeout(180_000);
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	const title = `Plan de test ${Date.now()}`;
	const slug = await createCharter(page, title);
	await expect(page.getByText('La charte est créée et vous en êtes la coordination.')).toBeVisible();
	await expect(page.getByText('Votre rôle : Coordination')).toBeVisible();
	await expectNoAxeViolations(page);
	const admin = `/chartes/${slug}/administration`;

	// Charter details, with an error next to its field first.
	await page.getByLabel('Début').fill('2026-06-01');
	await page.getByLabel('Fin', { exact: true }).fill('2026-01-01');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('La date de fin doit être postérieure ou égale à la date de début.')).toBeVisible();
	await page.getByLabel('Fin', { exact: true }).fill('2028-12-31');
	await page.getByLabel('Délai avant alerte « sans mise à jour » (jours)').fill('45');
	await page.getByLabel('Publier la charte').check();
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Les informations de la charte sont enregistrées.')).toBeVisible();
	const [saved] = await sql<{ stale_after_days: number; is_public: boolean; ends_on: string }>(
		"select stale_after_days, is_public, to_char(ends_on, 'YYYY-MM-DD') as ends_on from public.charters where slug = $1",
		[slug]
	);
	expect(saved).toEqual({ stale_after_days: 45, is_public: true, ends_on: '2028-12-31' });

	// Partners: one from the directory, one created.
	await page.goto(`${admin}/partenaires`);
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);
	const add = page.locator('form[action="?/ajouter"]');
	await add.getByLabel('Organisation').selectOption({ label: 'Faculté de médecine de Limoges (Faculté de Limoges)' });
	await add.getByLabel('Pilote').check();
	await add.getByRole('button', { name: 'Ajouter le partenaire' }).click();
	await expect(page.getByText('Faculté de médecine de Limoges est désormais partenaire de la charte.')).toBeVisible();
	const create = page.locator('form[action="?/creer"]');
	const orgName = `Maison de santé de test ${Date.now()}`;
	await create.getByLabel('Nom complet').fill(orgName);
	await create.getByLabel('Type').selectOption({ label: 'Établissement de santé' });
	await create.getByRole('button', { name: "Créer l'organisation" }).click();
	await expect(page.getByText(`${orgName} est créée et ajoutée aux partenaires.`)).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(orgName) })).toBeVisible();

	// Objectives, numbered, then reordered.
	await page.goto(`${admin}/plan`);
	await page.waitForLoadState('networkidle');
	for (const [code, name] of [
		['1', 'Attirer les internes'],
		['2', 'Accompagner les installations']
	]) {
		const form = page.locator('form[action="?/creerObjectif"]');
		await form.getByLabel('Numéro').fill(code);
		await form.getByLabel("Intitulé de l'objectif").fill(name);
		await form.getByRole('button', { name: "Ajouter l'objectif" }).click();
		await expect(page.getByText(`Objectif ${code} ajouté au plan.`)).toBeVisible();
	}
	await page.getByRole('button', { name: 'Monter : Objectif 2' }).click();
	await expect(page.locator('.objective h2').first()).toContainText('Accompagner les installations');
	await expectNoAxeViolations(page);

	// An action, with communes picked by name.
	await page
		.locator('.objective')
		.filter({ hasText: 'Attirer les internes' })
		.getByRole('link', { name: /Ajouter une action/ })
		.click();
	// The plan page has a "Numéro" field too: wait for the action form before filling it.
	await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle action' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Numéro').fill('1.1');
	await page.getByLabel("Intitulé de l'action").fill('Journée d’accueil des internes');
	await page.getByLabel('Pilote').selectOption({ label: 'Faculté de médecine de Limoges (Faculté de Limoges)' });
	await page.locator('fieldset').filter({ hasText: 'Partenaires contributeurs' }).getByLabel(orgName).check();
	const picker = page.getByRole('combobox', { name: 'Communes concernées (facultatif)' });
	await picker.fill('Saint-Yrieix-la');
	await expect(page.getByRole('option', { name: /Saint-Yrieix-la-Perche \(87187/ })).toBeVisible();
	// The most populated match comes first: ↓ makes it the active option, Entrée picks it (APG combobox).
	await picker.press('ArrowDown');
	await picker.press('Enter');
	await expect(page.getByRole('button', { name: 'Retirer Saint-Yrieix-la-Perche' })).toBeVisible();
	await picker.fill('87085');
	await page.getByRole('option', { name: /Limoges \(87085/ }).click();
	await page.getByLabel('Début').fill('2026-09-01');
	await page.getByLabel('Échéance').fill('2027-06-30');
	await page.getByLabel('Récurrence').selectOption({ label: 'Annuelle' });
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Action créée.')).toBeVisible();
	const [action] = await sql<{ id: string; communes: string[]; contributors: number }>(
		`select a.id, array(select commune_code from public.action_communes c where c.action_id = a.id order by 1) as communes,
			(select count(*)::int from public.action_partners p where p.action_id = a.id and p.role = 'contributor') as contributors
		 from public.actions a join public.charters ch on ch.id = a.charter_id where ch.slug = $1 and a.code = '1.1'`,
		[slug]
	);
	expect(action.communes).toEqual(['87085', '87187']);
	expect(action.contributors).toBe(1);

	// An indicator of the action and a funding.
	await page.goto(`${admin}/indicateurs`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel("Nom de l'indicateur").fill('Internes accueillis');
	await page.getByLabel('Rattaché à').selectOption({ label: 'Action 1.1 — Journée d’accueil des internes' });
	await page.getByLabel('Unité').fill('internes');
	await page.getByLabel('Cible', { exact: true }).fill('24');
	await page.getByRole('button', { name: "Ajouter l'indicateur" }).click();
	await expect(page.getByText('Indicateur « Internes accueillis » ajouté.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Internes accueillis/ })).toContainText('24 internes');
	await expectNoAxeViolations(page);

	await page.goto(`${admin}/financements`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Financeur').selectOption({ label: 'Faculté de Limoges' });
	await page.getByLabel('Action financée').selectOption({ label: '1.1 — Journée d’accueil des internes' });
	await page.getByLabel('Source', { exact: true }).fill('Fonds propres');
	await page.getByLabel('Montant prévu (€)').fill('12000');
	await page.getByRole('button', { name: 'Ajouter le financement' }).click();
	await expect(page.getByText('Financement ajouté.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Fonds propres/ })).toContainText('12 000 €');
	await expectNoAxeViolations(page);

	// The action gets a history, then is archived after a confirmation; its journal stays.
	await page.goto(`/chartes/${slug}/actions/${action.id}`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Commentaire').fill('Première édition préparée.');
	await page.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
	await page.goto(`${admin}/plan`);
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Archiver Action 1.1' }).click();
	const question = page.locator('section.confirm');
	await expect(question).toBeFocused();
	await expect(question).toContainText('elle sera archivée plutôt que supprimée');
	await question.getByRole('button', { name: 'Archiver' }).click();
	await expect(page.getByText('Action 1.1 archivée ; son journal est conservé.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Archives' })).toContainText('Journée d’accueil des internes');
	const [{ n }] = await sql<{ n: number }>(
		'select count(*)::int as n from public.action_updates where action_id = $1',
		[action.id]
	);
	expect(n).toBe(1);
	await page.getByRole('button', { name: 'Restaurer Action 1.1' }).click();
	await expect(page.getByText('Élément restauré dans le plan.')).toBeVisible();

	// The remaining pages of the administration, the action and indicator pages pass axe too.
	const [objective] = await sql<{ id: string }>(
		'select o.id from public.objectives o join public.charters c on c.id = o.charter_id where c.slug = $1 limit 1',
		[slug]
	);
	const [funding] = await sql<{ id: string }>('select id from public.fundings where action_id = $1', [action.id]);
	for (const path of [
		`${admin}/membres`,
		`${admin}/import`,
		`${admin}/objectifs/${objective.id}`,
		`${admin}/actions/${action.id}`,
		`${admin}/financements/${funding.id}`,
		`/chartes/${slug}/actions/${action.id}`,
		'/chartes/nouvelle',
		'/mes-actions',
		'/communes?q=limoges'
	]) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page);
	}
	const [indicator] = await sql<{ id: string }>('select id from public.indicators where action_id = $1', [action.id]);
	await page.goto(`/chartes/${slug}/indicateurs/${indicator.id}`);
	await expectNoAxeViolations(page);
	await page.goto(`${admin}/indicateurs/${indicator.id}`);
	await expectNoAxeViolations(page);
});

test('reordering, creating an action and entering an indicator value work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto('/chartes/nouvelle');
	await page.getByLabel('Intitulé', { exact: true }).fill(`Plan sans JavaScript ${Date.now()}`);
	await page.getByRole('button', { name: 'Créer la charte' }).click();
	await expect(page).toHaveURL(/\/administration\?creee$/);
	const slug = new URL(page.url()).pathname.split('/')[2];
	charters.push(slug);
	const admin = `/chartes/${slug}/administration`;

	await page.goto(`${admin}/partenaires`);
	await page
		.locator('form[action="?/ajouter"]')
		.getByLabel('Organisation')
		.selectOption({ label: 'Région Nouvelle-Aquitaine' });
	await page.locator('form[action="?/ajouter"]').getByRole('button', { name: 'Ajouter le partenaire' }).click();
	await expect(page.getByText('Région Nouvelle-Aquitaine est désormais partenaire de la charte.')).toBeVisible();

	await page.goto(`${admin}/plan`);
	for (const [code, name] of [
		['1', 'Premier'],
		['2', 'Second']
	]) {
		await page.getByLabel('Numéro').fill(code);
		await page.getByLabel("Intitulé de l'objectif").fill(name);
		await page.getByRole('button', { name: "Ajouter l'objectif" }).click();
		await expect(page.getByText(`Objectif ${code} ajouté au plan.`)).toBeVisible();
	}
	await page.getByRole('button', { name: 'Descendre : Objectif 1' }).click();
	await expect(page.getByText("Élément descendu d'un cran.")).toBeVisible();
	await expect(page.locator('.objective h2').first()).toContainText('Second');

	// Without JavaScript the commune picker is a text input of INSEE codes; an unknown code is refused.
	await page
		.locator('.objective')
		.filter({ hasText: 'Premier' })
		.getByRole('link', { name: /Ajouter une action/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle action' })).toBeVisible();
	await page.getByLabel('Numéro').fill('1.1');
	await page.getByLabel("Intitulé de l'action").fill('Bus de santé');
	await page.getByLabel('Pilote').selectOption({ label: 'Région Nouvelle-Aquitaine' });
	await page.getByLabel('Communes concernées (facultatif)').fill('87085, 99999');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Ces codes ne correspondent à aucune commune : 99999.')).toBeVisible();
	await page.getByLabel('Communes concernées (facultatif)').fill('87085 87187');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Action créée.')).toBeVisible();
	await expect(page.getByLabel('Communes concernées (facultatif)')).toHaveValue('87085, 87187');

	// An indicator and a value entered by the coordinator, then corrected.
	await page.goto(`${admin}/indicateurs`);
	await page.getByLabel("Nom de l'indicateur").fill('Passages du bus');
	await page.getByRole('button', { name: "Ajouter l'indicateur" }).click();
	await page.getByRole('link', { name: 'Passages du bus', exact: true }).click();
	await page.getByLabel('Date de la mesure').fill('2026-10-01');
	await page.getByLabel('Valeur', { exact: true }).fill('12');
	await page.getByRole('button', { name: 'Enregistrer la valeur' }).click();
	await expect(page.getByText('Valeur enregistrée.')).toBeVisible();
	await page.getByRole('link', { name: 'Corriger 01/10/2026' }).click();
	await page.getByLabel('Valeur', { exact: true }).fill('14');
	await page.getByRole('button', { name: 'Enregistrer la valeur' }).click();
	// The values' own table (the chart's data table above it lists them too).
	await expect(
		page.getByRole('table', { name: 'Valeurs mesurées' }).getByRole('row', { name: /01\/10\/2026/ })
	).toContainText('14');
	await page.getByRole('button', { name: 'Supprimer 01/10/2026' }).click();
	await expect(page.getByText('Valeur supprimée.')).toBeVisible();
	await context.close();
});
