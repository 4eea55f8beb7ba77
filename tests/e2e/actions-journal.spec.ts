/**
 * Recording progress on an action: a partner representative (demo account) updates an action of their
 * organization and finds the update at the top of the journal; a second browser context saving a form it
 * loaded before gets the conflict message with what its user typed kept; the form works without JavaScript.
 * The charter is this file's own (the seeded plans stay as they are).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';
import { sql } from '../helpers/env.ts';
import {
	createCharter,
	demoId,
	freshUser,
	journalCount,
	signInAs,
	TEST_PASSWORD,
	type TestCharter
} from './fixtures.ts';

const REP = 'ordre.87@example.org';
const DEMO_PASSWORD = 'charte-demo-2026';
let charter: TestCharter;
let coordinator: { id: string; email: string };

test.beforeAll(async () => {
	coordinator = await freshUser('coordination', 'Camille Coordination');
	charter = await createCharter({
		title: 'Journal des actions',
		coordinatorId: coordinator.id,
		partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine'],
		members: [{ userId: demoId(REP), role: 'partner_rep', organization: 'Ordre des médecins 87' }],
		objectives: [{ code: '1', title: 'Objectif de test' }],
		actions: [
			{ code: '1.1', objective: '1', title: 'Action pilotée par l’Ordre', lead: 'Ordre des médecins 87' },
			{
				code: '1.2',
				objective: '1',
				title: 'Action pour le conflit',
				lead: 'ARS Nouvelle-Aquitaine',
				contributors: ['Ordre des médecins 87']
			},
			{ code: '1.3', objective: '1', title: 'Action sans JavaScript', lead: 'Ordre des médecins 87' }
		],
		indicators: [{ name: 'Permanences tenues', action: '1.1', unit: 'permanences' }]
	});
});
test.afterAll(async () => charter?.drop());

const actionUrl = (code: string) => `/chartes/${charter.slug}/actions/${charter.actions[code]}`;

async function fillUpdate(page: Page, status: string | null, progress: string, comment: string) {
	const form = page.locator('form[action="?/avancement"]');
	// A contributor does not choose the status (the lead organization does): no select then.
	if (status) await form.getByLabel('Statut').selectOption({ label: status });
	await form.getByLabel('Avancement (%)').fill(progress);
	await form.getByLabel('Commentaire').fill(comment);
	return form;
}

test('a partner representative records an update and sees it at the top of the journal', async ({ page }) => {
	await signInAs(page, REP, DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/mes-actions$/);
	await page.getByRole('link', { name: 'Action pilotée par l’Ordre' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Action pilotée par l’Ordre' })).toBeVisible();
	await expectNoAxeViolations(page);

	const comment = `Réunion avec les maires faite le ${Date.now()}`;
	const form = await fillUpdate(page, 'En cours', '35', comment);
	await form.getByLabel('Santé').selectOption({ label: 'À risque' });
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.getByText('Mise à jour enregistrée : elle apparaît en tête du journal.')).toBeVisible();

	const first = page.locator('.timeline > li').first();
	await expect(first).toContainText(comment);
	await expect(first).toContainText('Dr Marc Petit');
	await expect(first).toContainText('Ordre des médecins 87');
	await expect(first).toContainText('Statut : À venir → En cours');
	await expect(first).toContainText('Avancement : 0 % → 35 %');
	// The comment field is ready for the next update; the state shown is the new one.
	await expect(form.getByLabel('Commentaire')).toHaveValue('');
	await expect(page.locator('.state')).toContainText('En cours');
	expect(await journalCount(charter.actions['1.1'])).toBe(1);

	// An indicator value of the same action, entered by the partner in the same form.
	await form.getByLabel('Date de la mesure').fill('2026-11-15');
	await form.getByLabel('Valeur', { exact: true }).fill('4');
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.getByText('Valeur enregistrée.')).toBeVisible();
	await expect(page.locator('.indicators')).toContainText('Dernière valeur : 4 permanences au 15/11/2026');
});

test('a second context saving a stale form gets the conflict message and keeps what was typed', async ({ browser }) => {
	const repContext = await browser.newContext();
	const coordinatorContext = await browser.newContext();
	const rep = await repContext.newPage();
	const other = await coordinatorContext.newPage();
	await signInAs(rep, REP, DEMO_PASSWORD);
	await signInAs(other, coordinator.email, TEST_PASSWORD);

	// Both open the same action; the coordinator saves first.
	await rep.goto(actionUrl('1.2'));
	await other.goto(actionUrl('1.2'));
	await rep.waitForLoadState('networkidle');
	await other.waitForLoadState('networkidle');
	const theirs = await fillUpdate(other, 'Bloquée', '20', 'En attente du financement régional.');
	await theirs.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(other.getByText('Mise à jour enregistrée')).toBeVisible();

	// The representative saves the form loaded before that.
	const typed = 'Première réunion du groupe de travail tenue, compte rendu envoyé aux partenaires.';
	// The representative's organization contributes to 1.2: they report progress, the ARS decides the status.
	const mine = await fillUpdate(rep, null, '30', typed);
	await mine.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();

	const conflict = rep.locator('.conflict');
	await expect(conflict).toContainText("Cette action a été mise à jour entre-temps par quelqu'un d'autre.");
	await expect(conflict).toContainText('Bloquée');
	await expect(conflict).toContainText('20 %');
	await expect(conflict).toContainText('Camille Coordination');
	await expect(conflict).toContainText('En attente du financement régional.');
	await expect(rep.getByText("Votre mise à jour n'a pas été enregistrée")).toBeVisible();
	// Nothing lost: the representative's text and choices are still in the form.
	await expect(mine.getByLabel('Commentaire')).toHaveValue(typed);
	await expect(mine.getByLabel('Avancement (%)')).toHaveValue('30');
	await expect(mine).toContainText('Statut : Bloquée');
	// Nothing overwritten: one entry only, the coordinator's.
	expect(await journalCount(charter.actions['1.2'])).toBe(1);

	// Having seen the newer state, the representative saves on purpose.
	await mine.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(rep.getByText('Mise à jour enregistrée')).toBeVisible();
	await expect(rep.locator('.timeline > li').first()).toContainText(typed);
	expect(await journalCount(charter.actions['1.2'])).toBe(2);

	await repContext.close();
	await coordinatorContext.close();
});

test('the update form works without JavaScript, conflict included', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, REP, DEMO_PASSWORD);
	await page.goto(actionUrl('1.3'));
	const form = await fillUpdate(page, 'En cours', '10', 'Mise à jour sans JavaScript.');
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
	await expect(page.locator('.timeline > li').first()).toContainText('Mise à jour sans JavaScript.');

	// Someone else records an update while this page is open: saving it gives the conflict, text kept.
	await sql(
		`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
		 values ($1, $2, $3, 'in_progress', 50, 'on_track', 'Avancée notée par la coordination.')`,
		[charter.actions['1.3'], charter.id, coordinator.id]
	);
	const again = await fillUpdate(page, 'En cours', '15', 'Deuxième envoi avec un formulaire périmé.');
	await again.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.locator('.conflict')).toContainText('50 %');
	await expect(page.locator('.conflict')).toContainText('Avancée notée par la coordination.');
	await expect(page.getByLabel('Commentaire')).toHaveValue('Deuxième envoi avec un formulaire périmé.');
	expect(await journalCount(charter.actions['1.3'])).toBe(2);
	await context.close();
});
