/**
 * The coordination sees which lead organizations have nobody to update their actions (issue 13): a column on
 * the partners page and an alert on the dashboard, for the coordination only. A pilot with a partner
 * representative, or whose actions are all done, is not named.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';
import { sql } from '../helpers/env.ts';
import { createCharter, demoId, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

const REP = 'ordre.87@example.org';
let charter: TestCharter;
let coordinator: { id: string; email: string };

test.beforeAll(async () => {
	coordinator = await freshUser('coordination-pilots', 'Camille Coordination');
	charter = await createCharter({
		title: 'Pilotes sans représentant',
		coordinatorId: coordinator.id,
		partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine', 'Faculté de médecine de Limoges'],
		members: [{ userId: demoId(REP), role: 'partner_rep', organization: 'Ordre des médecins 87' }],
		objectives: [{ code: '1', title: 'Objectif de test' }],
		actions: [
			{ code: '1.1', objective: '1', title: 'Pilotée par l’Ordre', lead: 'Ordre des médecins 87' },
			{ code: '1.2', objective: '1', title: 'Pilotée par l’ARS', lead: 'ARS Nouvelle-Aquitaine' },
			{ code: '1.3', objective: '1', title: 'Encore l’ARS', lead: 'ARS Nouvelle-Aquitaine' },
			{ code: '1.4', objective: '1', title: 'Faite par la Faculté', lead: 'Faculté de médecine de Limoges' }
		]
	});
	// The Faculty's only action is done: nothing is left for anyone to update.
	await sql(
		`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
		 values ($1, $2, $3, 'done', 100, 'on_track', 'Terminée.')`,
		[charter.actions['1.4'], charter.id, coordinator.id]
	);
});
test.afterAll(async () => charter?.drop());

test('a partner representative does not get the coordination’s alert', async ({ page }) => {
	await signInAs(page, REP, 'charte-demo-2026');
	await page.goto(`/chartes/${charter.slug}/tableau-de-bord`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByTestId('uncovered-pilots')).toHaveCount(0);
});

test('the partners page and the dashboard name the pilots nobody represents', async ({ page }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/administration/partenaires`);
	const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
	await expect(page.getByRole('columnheader', { name: 'Représentants' })).toBeVisible();
	const ars = row('Agence régionale de santé Nouvelle-Aquitaine').getByTestId('partner-reps');
	await expect(ars).toContainText('Aucun');
	await expect(ars).toContainText("Personne pour mettre à jour les actions qu'elle pilote");
	await expect(ars.getByRole('link', { name: /Inviter un représentant/ })).toBeVisible();
	await expect(row('Ordre des médecins de la Haute-Vienne').getByTestId('partner-reps')).toHaveText('1');
	await expect(row('Faculté de médecine de Limoges').getByTestId('partner-reps')).toHaveText('Aucun');
	await expect(page.locator('[data-flag="no-representative"]')).toHaveCount(1);
	await expectNoAxeViolations(page);

	await page.goto(`/chartes/${charter.slug}/tableau-de-bord`);
	const alert = page.getByTestId('uncovered-pilots');
	await expect(alert.getByRole('heading', { name: 'Organisations pilotes sans représentant' })).toBeVisible();
	await expect(alert.getByRole('listitem')).toHaveCount(1);
	await expect(alert.getByRole('listitem')).toHaveText(
		'Agence régionale de santé Nouvelle-Aquitaine : actions 1.2, 1.3'
	);
	await expect(alert.getByRole('link', { name: 'Inviter les représentants' })).toHaveAttribute(
		'href',
		`/chartes/${charter.slug}/administration/membres#invite-title`
	);
	await expectNoAxeViolations(page);

	// Once the ARS has a representative, the alert is gone.
	await sql(
		`insert into public.charter_members (charter_id, user_id, role, organization_id)
		 values ($1, $2, 'partner_rep', (select id from public.organizations where short_name = 'ARS Nouvelle-Aquitaine'))`,
		[charter.id, demoId('ars.na@example.org')]
	);
	await page.reload();
	await expect(page.getByTestId('uncovered-pilots')).toHaveCount(0);
});
