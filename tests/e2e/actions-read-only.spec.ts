/**
 * Members who do not carry an action see it without any edit control, and a forged POST of the update form is
 * refused by the database (record_action_update), leaving the journal as it was. Seeded data, read only.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { expectNoAxeViolations } from './helpers.ts';
import { forgePost, journalCount, signInAs } from './fixtures.ts';

const DEMO_PASSWORD = 'charte-demo-2026';

async function seededAction(code: string): Promise<{ id: string; version: number }> {
	const [row] = await sql<{ id: string; version: number }>(
		`select a.id, a.version from public.actions a join public.charters c on c.id = a.charter_id
		 where c.slug = 'haute-vienne' and a.code = $1`,
		[code]
	);
	return row;
}

test('a steering member sees no edit controls and a forged POST is refused by the database', async ({ page }) => {
	const action = await seededAction('1.1');
	await signInAs(page, 'copil.hv@example.org', DEMO_PASSWORD);
	await page.goto(`/chartes/haute-vienne/actions/${action.id}`);
	await expect(page.getByRole('heading', { level: 1, name: /Service d’accès aux soins/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Journal des mises à jour' })).toBeVisible();
	await expect(page.locator('.timeline > li')).toHaveCount(3);
	// No form, no button, no administration tab.
	await expect(page.locator('main form')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Enregistrer/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	const before = await journalCount(action.id);
	const result = await forgePost(page, `/chartes/haute-vienne/actions/${action.id}?/avancement`, {
		version: String(action.version),
		status: 'done',
		progress: '100',
		health: 'on_track',
		comment: 'Mise à jour forgée'
	});
	expect(result.type).toBe('failure');
	expect(result.status).toBe(403);
	expect(result.data).toContain('La base de données a refusé cette mise à jour');
	expect(await journalCount(action.id)).toBe(before);
	const after = await seededAction('1.1');
	expect(after.version).toBe(action.version);

	// Indicator values and the administration are refused the same way.
	const value = await forgePost(page, `/chartes/haute-vienne/actions/${action.id}?/valeur`, {
		indicatorId: '00000000-0000-4000-8000-000000000000',
		measuredOn: '2026-11-01',
		value: '3'
	});
	expect(value.type).toBe('failure');
	const admin = await page.goto('/chartes/haute-vienne/administration');
	expect(admin?.status()).toBe(403);
});

test('an elected official sees the action without edit controls', async ({ page }) => {
	const action = await seededAction('3.2');
	await signInAs(page, 'maire.hv@example.org', DEMO_PASSWORD);
	await page.goto(`/chartes/haute-vienne/actions/${action.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Informer les élus');
	await expect(page.locator('main form')).toHaveCount(0);
});

test('a partner representative sees no form on an action their organization does not carry', async ({ page }) => {
	// The Faculty neither leads nor contributes to 1.1 (SAS).
	const action = await seededAction('1.1');
	await signInAs(page, 'fac.limoges@example.org', DEMO_PASSWORD);
	await page.goto(`/chartes/haute-vienne/actions/${action.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('form[action="?/avancement"]')).toHaveCount(0);
	const result = await forgePost(page, `/chartes/haute-vienne/actions/${action.id}?/avancement`, {
		version: String(action.version),
		status: 'in_progress',
		progress: '50',
		health: 'on_track',
		comment: ''
	});
	expect(result.status).toBe(403);
	expect(await seededAction('1.1')).toEqual(action);
});

test('my actions: the partner representative sees what needs attention first', async ({ page }) => {
	await signInAs(page, 'fac.limoges@example.org', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/mes-actions$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Mes actions' })).toBeVisible();
	const attention = page.locator('section[aria-labelledby="attention-title"]');
	// 2.2 (MSU) is past its due date and without news for months; the actions of other partners are absent.
	await expect(attention.getByRole('row', { name: /maîtres de stage universitaires/ })).toContainText(
		'Échéance dépassée'
	);
	await expect(attention.getByRole('row', { name: /maîtres de stage universitaires/ })).toContainText(
		/Sans mise à jour depuis \d+ jours/
	);
	await expect(
		page.getByRole('heading', { level: 2, name: 'Plan d’attractivité médicale de la Haute-Vienne' })
	).toBeVisible();
	await expect(page.getByText('Service d’accès aux soins')).toHaveCount(0);
	await expect(page.getByRole('row', { name: /Informer les élus/ })).toContainText('Contributeur');
	await expectNoAxeViolations(page);
});
