/**
 * The decisions register in the browser: a coordinator records a decision with the keyboard only (creating an
 * action from it), the owner's representative finds it in Mes actions and marks it done, the register's
 * filters narrow the list, and the agenda, the meeting's decisions, the register and Mes actions are axe clean.
 * The charter is this file's own (tests/helpers/dashboard-fixture.ts).
 */
import { expect, test } from '@playwright/test';
import {
	createDashboardFixture,
	FIXTURE_PASSWORD,
	shiftDays,
	type DashboardFixture
} from '../helpers/dashboard-fixture.ts';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations, signIn, tabTo } from './helpers.ts';
import { freshUser, TEST_PASSWORD } from './fixtures.ts';

let fx: DashboardFixture;
let rep: { id: string; email: string };
let meetingId: string;
let base: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	fx = await createDashboardFixture('e2e-decisions');
	await sql(
		`insert into public.charter_partners (charter_id, organization_id, role) values ($1, $2, 'lead'), ($1, $3, 'contributor')
		 on conflict do nothing`,
		[fx.charterId, fx.organizations.lead, fx.organizations.partner]
	);
	rep = await freshUser('rep-decisions');
	await sql(
		`insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, 'partner_rep', $3)`,
		[fx.charterId, rep.id, fx.organizations.partner]
	);
	// Planned by the coordination (the trigger fills its agenda from the fixture's alerts).
	const [meeting] = await sql<{ id: string }>(
		`insert into public.meetings (charter_id, title, starts_at, created_by)
		 values ($1, 'COPIL de test', ($2::date + time '14:00') at time zone 'Europe/Paris', $3) returning id`,
		[fx.charterId, shiftDays(fx.today, -1), fx.coordinator.id]
	);
	meetingId = meeting.id;
	base = `/chartes/${fx.slug}`;
	// A decision of the lead organization, open, for the register's filters.
	await sql(
		`insert into public.decisions (charter_id, meeting_id, text, owner_organization_id, due_on)
		 values ($1, $2, 'Réunir les maires du secteur', $3, $4)`,
		[fx.charterId, meetingId, fx.organizations.lead, shiftDays(fx.today, -3)]
	);
});

test('a coordinator records a decision with the keyboard only, creating an action', async ({ page }) => {
	await signIn(page, fx.coordinator.email, FIXTURE_PASSWORD);
	await page.goto(`${base}/reunions/${meetingId}/ordre-du-jour`);
	await expect(page.getByRole('heading', { name: 'Ordre du jour', level: 2 })).toBeVisible();
	await expect(page.getByText('Action 1.1 bloquée : Action de test 1.1')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.goto(`${base}/reunions/${meetingId}/decisions`);
	const form = page.locator('form[action="?/enregistrer"]');
	await tabTo(page, form.getByLabel('Décision', { exact: true }));
	await page.keyboard.type('Ouvrir un deuxième lieu de stage');
	await page.keyboard.press('Tab');
	await expect(form.getByLabel('Organisation responsable')).toBeFocused();
	await page.keyboard.type('CPTS');
	await tabTo(page, form.getByLabel('Aucune action liée'));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(form.getByLabel('Créer une nouvelle action')).toBeChecked();
	await tabTo(page, form.getByLabel('Objectif de la nouvelle action'));
	await page.keyboard.type('Objectif 2');
	await tabTo(page, form.getByLabel('Intitulé de la nouvelle action'));
	await page.keyboard.type('Trouver un second lieu de stage');
	await tabTo(page, form.getByRole('button', { name: 'Enregistrer la décision' }));
	await page.keyboard.press('Space');
	await expect(page.getByText('Décision D02 enregistrée.')).toBeVisible();
	await expect(page.getByRole('row', { name: /D02/ })).toContainText('Trouver un second lieu de stage');

	const [created] = await sql<{ lead: string; code: string }>(
		`select a.lead_organization_id as lead, a.code from public.decisions d join public.actions a on a.id = d.action_id
		 where d.charter_id = $1 and d.code = 'D02'`,
		[fx.charterId]
	);
	expect(created).toEqual({ lead: fx.organizations.partner, code: '2.4' });
	await expectNoAxeViolations(page);
});

test("the owner's representative finds it in Mes actions and marks it done", async ({ page }) => {
	await signIn(page, rep.email, TEST_PASSWORD);
	await page.goto('/mes-actions');
	const section = page.getByRole('region', { name: 'Décisions à suivre' });
	const item = section.getByTestId('decision-follow-up').filter({ hasText: 'Ouvrir un deuxième lieu de stage' });
	await expect(item).toBeVisible();
	// The lead organization's decision is not this representative's to follow.
	await expect(section).not.toContainText('Réunir les maires du secteur');
	await expectNoAxeViolations(page);

	await item.getByRole('button', { name: /Marquer comme faite/ }).click();
	await expect(item.getByText('Dites en une phrase ce qui a été fait.')).toBeVisible();
	await item.getByLabel(/Ce qui a été fait/).fill('Convention signée avec la maison de santé.');
	await item.getByRole('button', { name: /Marquer comme faite/ }).click();
	await expect(page.getByText('Décision D02 marquée comme faite.')).toBeVisible();
	await expect(section.getByTestId('decision-follow-up')).toHaveCount(0);
	const [row] = await sql<{ status: string; status_comment: string }>(
		`select status, status_comment from public.decisions where charter_id = $1 and code = 'D02'`,
		[fx.charterId]
	);
	expect(row).toEqual({ status: 'done', status_comment: 'Convention signée avec la maison de santé.' });
});

test("the register's filters narrow the list", async ({ page }) => {
	await signIn(page, rep.email, TEST_PASSWORD);
	await page.goto(`${base}/decisions`);
	const rows = page.getByTestId('decision-row');
	// Open decisions by default: the lead organization's, overdue and said so in words.
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Réunir les maires du secteur');
	await expect(rows.first()).toContainText('En retard');
	await expectNoAxeViolations(page);

	await page.getByLabel('État').selectOption('done');
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/etat=done/);
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Convention signée avec la maison de santé.');

	await page.getByLabel('État').selectOption('all');
	await page.getByLabel('Responsable').selectOption({ label: (await orgShortName(fx.organizations.lead))! });
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Réunir les maires du secteur');
	// Another organization's decision: no form to mark it done.
	await expect(rows.first().getByRole('button', { name: /Marquer comme faite/ })).toHaveCount(0);
});

async function orgShortName(id: string): Promise<string | undefined> {
	const [row] = await sql<{ short_name: string }>('select short_name from public.organizations where id = $1', [id]);
	return row?.short_name;
}

test('without JavaScript the coordinator adds an item to the agenda, moves it up and removes it', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, fx.coordinator.email, FIXTURE_PASSWORD);
	await page.goto(`${base}/reunions/${meetingId}/ordre-du-jour`);
	const items = page.locator('ol.agenda > li');
	const before = await items.count();
	expect(before).toBeGreaterThan(1);

	await page.getByLabel('Intitulé').fill('Point sur le budget 2027');
	await page.getByRole('button', { name: 'Ajouter le point' }).click();
	await expect(page.getByText('Point ajouté.')).toBeVisible();
	await expect(items).toHaveCount(before + 1);
	await expect(items.last()).toContainText('Point sur le budget 2027');

	await page.getByRole('button', { name: `Monter : point ${before + 1}` }).click();
	await expect(page.getByText('Point déplacé.')).toBeVisible();
	await expect(items.nth(before - 1)).toContainText('Point sur le budget 2027');

	await items
		.nth(before - 1)
		.getByRole('button', { name: /Retirer/ })
		.click();
	await expect(page.getByText('Point retiré.')).toBeVisible();
	await expect(items).toHaveCount(before);

	await page.getByRole('button', { name: 'Ajouter les nouveaux points proposés' }).click();
	await expect(page.getByText('Aucun nouveau point à proposer.')).toBeVisible();
	await context.close();
});

test('the coordinator edits a decision and drops it with a reason', async ({ page }) => {
	await signIn(page, fx.coordinator.email, FIXTURE_PASSWORD);
	await page.goto(`${base}/reunions/${meetingId}/decisions`);
	const row = page.getByRole('row', { name: /D01/ });
	await row.getByText('Modifier la décision D01').click();
	await row.getByLabel('Décision', { exact: true }).fill('Réunir les maires du secteur nord');
	await row.getByRole('button', { name: 'Enregistrer les modifications' }).click();
	await expect(page.getByText('Décision D01 modifiée.')).toBeVisible();
	await expect(page.getByRole('row', { name: /D01/ })).toContainText('Réunir les maires du secteur nord');

	const again = page.getByRole('row', { name: /D01/ });
	await again.getByText('Abandonner la décision D01').click();
	await again.getByRole('button', { name: 'Abandonner', exact: true }).click();
	await expect(again.getByText('Ce champ est obligatoire.')).toBeVisible();
	await again.getByLabel("Pourquoi l'abandonner").fill('Remplacée par la décision D02.');
	await again.getByRole('button', { name: 'Abandonner', exact: true }).click();
	await expect(page.getByText('Décision D01 abandonnée.')).toBeVisible();
	await expect(page.getByRole('row', { name: /D01/ })).toContainText('Abandonnée');
	await expectNoAxeViolations(page);
});
