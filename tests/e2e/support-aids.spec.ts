/**
 * Aids and editions in the browser (issue 14): Cholet's coordinator sees what is left of the pooled envelope and
 * the commitment alerts (an end within 90 days, a broken one), and grants an aid; a coordinator adds an edition
 * to an event action and the indicator computed from the editions changes. Both pages are axe clean.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';
import { sql } from '../helpers/env.ts';
import { createCharter, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

const CHOLET_COORDINATOR = 'coordination.cholet@example.org';
const DEMO_PASSWORD = 'charte-demo-2026';
const CHOLET = '/chartes/cholet-attractivite-medicale/aides';
const NEW_BENEFICIARY = 'Dr Anaïs Testeuse';
const MAZIERES = 'Cabinet médical de Mazières-en-Mauges';

test.describe('Cholet aids', () => {
	// The seed's commitment ends on 15/02/2027, within 90 days of the seed's date (01/12/2026); the test keeps it
	// 60 days ahead of whatever day it runs, and puts it back afterwards.
	test.beforeAll(async () => {
		await sql(`update public.aid_grants set commitment_ends_on = current_date + 60 where beneficiary_name = $1`, [
			MAZIERES
		]);
	});
	test.afterAll(async () => {
		await sql(`update public.aid_grants set commitment_ends_on = '2027-02-15' where beneficiary_name = $1`, [MAZIERES]);
		await sql('delete from public.aid_grants where beneficiary_name = $1', [NEW_BENEFICIARY]);
	});

	test('the coordinator sees the envelope left and the alerts, and grants an aid', async ({ page }) => {
		await signInAs(page, CHOLET_COORDINATOR, DEMO_PASSWORD);
		await page.goto(CHOLET);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aides financières et engagements');
		const [{ left }] = await sql<{ left: string }>(
			`select (c.budget_total - sum(case g.status when 'broken' then g.paid_amount else g.amount end))::int::text as left
			 from public.aid_grants g join public.charters c on c.id = g.charter_id
			 where c.slug = 'cholet-attractivite-medicale' group by c.budget_total`
		);
		const euros = (n: number) => `${new Intl.NumberFormat('fr-FR').format(n)} €`.replace(/\s/g, ' ');
		const pool = page.locator('.pool');
		await expect(pool).toContainText('Enveloppe commune de la charte : 600');
		expect((await pool.innerText()).replace(/\s/g, ' ')).toContain(`Reste disponible : ${euros(Number(left))}`);

		const alerts = page.locator('section[aria-labelledby="alerts-title"]');
		await expect(alerts).toContainText(
			`${MAZIERES} (Aide au maintien des cabinets médicaux) : l'engagement se termine le`
		);
		await expect(alerts).toContainText(
			'Dr Paul Vasseur (Aide forfaitaire à l’installation) : engagement rompu, remboursement dû'
		);
		const grants = page.getByRole('table', { name: 'Aides accordées aux bénéficiaires' });
		await expect(grants.getByRole('row', { name: /Dr Paul Vasseur/ })).toContainText(
			'Engagement rompu : remboursement dû'
		);
		await expectNoAxeViolations(page);

		const form = page.locator('form[action="?/octroi"]');
		await form
			.getByLabel('Dispositif', { exact: true })
			.selectOption({ label: 'Indemnité d’étude et de projet professionnel' });
		await form.getByLabel('Bénéficiaire').fill(NEW_BENEFICIARY);
		await form.getByLabel('Montant accordé (€)').fill('30000');
		await form.getByLabel("Début de l'engagement").fill('2027-11-02');
		await form.getByRole('button', { name: 'Enregistrer' }).click();
		// 4 800 € a year over a 5-year commitment: 24 000 € at most.
		await expect(form).toContainText('Le montant dépasse le plafond du dispositif.');
		await form.getByLabel('Montant accordé (€)').fill('4800');
		await form.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(form).toContainText('Aide enregistrée.');
		await page.reload();
		const row = page
			.getByRole('table', { name: 'Aides accordées aux bénéficiaires' })
			.getByRole('row', { name: new RegExp(NEW_BENEFICIARY) });
		await expect(row).toContainText('02/11/2032');
		await expect(row).toContainText('Accordée');

		// Edited once paid: the same form, filled from the row (a plain link, no JavaScript needed).
		await row.getByRole('link', { name: `Modifier l'aide de ${NEW_BENEFICIARY}` }).click();
		const edit = page.locator('form[action="?/octroi"]');
		await expect(page.getByRole('heading', { name: `Modifier l'aide de ${NEW_BENEFICIARY}` })).toBeVisible();
		await expect(edit.getByLabel('Bénéficiaire')).toHaveValue(NEW_BENEFICIARY);
		await edit.getByLabel('Statut').selectOption({ label: 'Versée' });
		await edit.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(edit).toContainText('Indiquez le montant versé pour ce statut.');
		await edit.getByLabel('Montant versé (€)').fill('4800');
		await edit.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(edit).toContainText('Aide enregistrée.');
		const [saved] = await sql<{ status: string; paid_amount: string }>(
			'select status, paid_amount::text from public.aid_grants where beneficiary_name = $1',
			[NEW_BENEFICIARY]
		);
		expect(saved).toEqual({ status: 'paid', paid_amount: '4800.00' });
	});
});

test.describe('editions of an event action', () => {
	let charter: TestCharter;
	let indicatorId: string;
	let coordinatorEmail = '';
	test.beforeAll(async () => {
		const coordinator = await freshUser('coordination-editions', 'Coordination des éditions');
		charter = await createCharter({
			title: 'Éditions',
			coordinatorId: coordinator.id,
			partners: ['Le Cotentin'],
			objectives: [{ code: '1', title: 'Faire découvrir le territoire' }],
			actions: [{ code: '1.1', objective: '1', title: 'Week-end des internes', lead: 'Le Cotentin' }],
			indicators: [{ name: 'Internes accueillis', action: '1.1', unit: 'internes' }]
		});
		[{ id: indicatorId }] = await sql<{ id: string }>(
			`update public.indicators set source = 'occurrence_participants' where charter_id = $1 returning id`,
			[charter.id]
		);
		coordinatorEmail = coordinator.email;
	});
	test.afterAll(async () => charter?.drop());

	test('a coordinator adds an edition and the computed indicator follows', async ({ page }) => {
		await signInAs(page, coordinatorEmail, TEST_PASSWORD);
		const path = `/chartes/${charter.slug}/actions/${charter.actions['1.1']}`;
		await page.goto(path);
		const editions = page.locator('#editions');
		await expect(editions).toContainText('Aucune édition enregistrée.');
		await editions.getByText('Ajouter une édition').click();
		const form = page.locator('form[action="?/edition"]');
		await form.getByLabel("Date de l'édition").fill('2026-07-03');
		await form.getByLabel('Commune (code INSEE)').fill('50129');
		await form.getByLabel('Participants').fill('104');
		await form.getByLabel('Personnes intéressées').fill('105');
		await form.getByRole('button', { name: "Enregistrer l'édition" }).click();
		await expect(form).toContainText('Ne peut pas dépasser le nombre de participants.');
		await form.getByLabel('Personnes intéressées').fill('6');
		await form.getByRole('button', { name: "Enregistrer l'édition" }).click();
		await expect(form).toContainText('Édition enregistrée.');

		const table = page.getByRole('table', { name: "Éditions de l'événement" });
		const row = table.getByRole('row', { name: /03\/07\/2026/ });
		await expect(row).toContainText('Cherbourg-en-Cotentin');
		await expect(row).toContainText('104');
		const link = row.getByRole('link', { name: /Enregistrer une personne intéressée/ });
		const [{ id: occurrenceId }] = await sql<{ id: string }>(
			'select id from public.action_occurrences where action_id = $1',
			[charter.actions['1.1']]
		);
		await expect(link).toHaveAttribute('href', `/chartes/${charter.slug}/demandes/nouvelle?edition=${occurrenceId}`);

		const values = await sql<{ measured_on: string; value: string }>(
			'select measured_on::text, value::text from public.indicator_values where indicator_id = $1',
			[indicatorId]
		);
		expect(values).toEqual([{ measured_on: '2026-07-03', value: '104.00' }]);
		await page.reload();
		await expect(page.locator('#indicators-title').locator('..')).toContainText('104 internes');
		await expect(page.locator('#indicators-title').locator('..')).toContainText('Calculé automatiquement');
		await expectNoAxeViolations(page);
	});
});
