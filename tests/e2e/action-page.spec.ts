/**
 * The action page loses nothing and says what it refuses (issue 13): an empty progress is not 0 %, 45.5 % is not
 * 45 %, a comment past 4 000 characters is refused with its length and kept whole, an indicator value is saved
 * with the update rather than instead of it, a save that changes nothing is refused, a contributor cannot change
 * the status of an action another organization leads, and "Bloquée" is said once in the header. With
 * JavaScript and without it (the post the browser sends before the scripts load is the same).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';
import { sql } from '../helpers/env.ts';
import { createCharter, demoId, forgePost, freshUser, journalCount, signInAs, type TestCharter } from './fixtures.ts';

const REP = 'ordre.87@example.org';
const DEMO_PASSWORD = 'charte-demo-2026';
let charter: TestCharter;
let coordinatorId: string;

test.beforeAll(async () => {
	coordinatorId = (await freshUser('coordination-action', 'Camille Coordination')).id;
	charter = await createCharter({
		title: 'Page action',
		coordinatorId,
		partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine'],
		members: [{ userId: demoId(REP), role: 'partner_rep', organization: 'Ordre des médecins 87' }],
		objectives: [{ code: '1', title: 'Objectif de test' }],
		actions: [
			{ code: '1.1', objective: '1', title: 'Action avec JavaScript', lead: 'Ordre des médecins 87' },
			{ code: '1.2', objective: '1', title: 'Action sans JavaScript', lead: 'Ordre des médecins 87' },
			{
				code: '1.3',
				objective: '1',
				title: 'Action pilotée par l’ARS',
				lead: 'ARS Nouvelle-Aquitaine',
				contributors: ['Ordre des médecins 87']
			}
		],
		indicators: [
			{ name: 'Permanences tenues', action: '1.1', unit: 'permanences' },
			{ name: 'Permanences sans JS', action: '1.2', unit: 'permanences' }
		]
	});
	// Each action starts at 40 %, in progress, as the coordination recorded it.
	for (const code of ['1.1', '1.2', '1.3']) await journal(code, 'in_progress', 40, 'Point de départ.');
});
test.afterAll(async () => charter?.drop());

async function journal(code: string, status: string, progress: number, comment: string) {
	await sql(
		`insert into public.action_updates (action_id, charter_id, author_id, status, progress, health, comment)
		 values ($1, $2, $3, $4, $5, 'on_track', $6)`,
		[charter.actions[code], charter.id, coordinatorId, status, progress, comment]
	);
}
const state = async (code: string) =>
	(
		await sql<{ status: string; progress: number; version: number }>(
			'select status, progress, version from public.actions where id = $1',
			[charter.actions[code]]
		)
	)[0];
const url = (code: string) => `/chartes/${charter.slug}/actions/${charter.actions[code]}`;

async function open(browser: Browser, javaScriptEnabled: boolean, code: string): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await signInAs(page, REP, DEMO_PASSWORD);
	await page.goto(url(code));
	if (javaScriptEnabled) await page.waitForLoadState('networkidle');
	return page;
}
const form = (page: Page) => page.locator('form[action="?/avancement"]');
const save = (page: Page) => form(page).getByRole('button', { name: 'Enregistrer la mise à jour' }).click();

for (const js of [true, false]) {
	const code = js ? '1.1' : '1.2';
	const mode = js ? 'with JavaScript' : 'without JavaScript';

	test(`an empty or decimal progress and a comment too long are refused with a word, nothing saved (${mode})`, async ({
		browser
	}) => {
		const page = await open(browser, js, code);
		const before = await journalCount(charter.actions[code]);
		const progress = form(page).getByLabel('Avancement (%)');

		await progress.fill('');
		await form(page).getByLabel('Commentaire').fill('Champ vidé par erreur.');
		await save(page);
		await expect(page.locator('#update-progress-error')).toContainText("L'avancement est vide");
		await expect(page.locator('#update-progress-error')).toContainText('Un champ vide ne vaut pas 0 %');
		await expect(page.getByText('Mise à jour enregistrée')).toHaveCount(0);
		await expect(form(page).getByLabel('Commentaire')).toHaveValue('Champ vidé par erreur.');

		for (const [typed, rounded] of [
			['45.5', '46'],
			['45,5', '46'],
			['12.25', '12']
		]) {
			await form(page).getByLabel('Avancement (%)').fill(typed);
			await save(page);
			await expect(page.locator('#update-progress-error')).toContainText(`« ${typed} » n'est pas accepté`);
			await expect(page.locator('#update-progress-error')).toContainText(`par exemple à ${rounded} %`);
			await expect(form(page).getByLabel('Avancement (%)')).toHaveValue(typed);
		}
		for (const typed of ['101', '-3', 'beaucoup']) {
			await form(page).getByLabel('Avancement (%)').fill(typed);
			await save(page);
			await expect(page.locator('#update-progress-error')).toContainText(`« ${typed} » n'est pas accepté`);
		}

		const long = 'Compte rendu détaillé. '.repeat(200).slice(0, 4001);
		await form(page).getByLabel('Avancement (%)').fill('50');
		await form(page).getByLabel('Commentaire').fill(long);
		await save(page);
		await expect(page.locator('#update-comment-error')).toContainText(
			/Le commentaire fait 4\s001 caractères, pour 4\s000 au plus \(1 de trop\)/
		);
		// Nothing is cut: the whole text is still there to shorten.
		expect((await form(page).getByLabel('Commentaire').inputValue()).length).toBe(4001);

		expect(await journalCount(charter.actions[code])).toBe(before);
		expect(await state(code)).toMatchObject({ progress: 40 });
		// axe runs in the page: with JavaScript only.
		if (js) await expectNoAxeViolations(page);
		await page.context().close();
	});

	test(`an indicator value is saved with the typed update, not instead of it (${mode})`, async ({ browser }) => {
		const page = await open(browser, js, code);
		const before = await journalCount(charter.actions[code]);
		const comment = `Deux permanences de plus (${mode}).`;
		await form(page).getByLabel('Avancement (%)').fill('35');
		await form(page).getByLabel('Commentaire').fill(comment);
		await form(page).getByLabel('Date de la mesure').fill('2026-11-15');
		await form(page).getByLabel('Valeur', { exact: true }).fill('4');
		await save(page);
		await expect(page.getByText('Mise à jour et valeur enregistrées')).toBeVisible();
		const first = page.locator('.timeline > li').first();
		await expect(first).toContainText(comment);
		await expect(first).toContainText('Avancement : 40 % → 35 %');
		await expect(page.locator('.indicators')).toContainText('Dernière valeur : 4 permanences au 15/11/2026');
		expect(await journalCount(charter.actions[code])).toBe(before + 1);

		// A value refused (same date) keeps what was typed in it; the update typed with it is saved and said so.
		await form(page).getByLabel('Avancement (%)').fill('38');
		await form(page).getByLabel('Commentaire').fill('Encore une réunion.');
		await form(page).getByLabel('Date de la mesure').fill('2026-11-15');
		await form(page).getByLabel('Valeur', { exact: true }).fill('6');
		await save(page);
		await expect(page.getByText("Mise à jour enregistrée, mais pas la valeur de l'indicateur")).toBeVisible();
		await expect(page.locator('#value-date-error')).toContainText('Une valeur existe déjà à cette date');
		await expect(form(page).getByLabel('Valeur', { exact: true })).toHaveValue('6');
		expect(await state(code)).toMatchObject({ progress: 38 });

		// A value alone adds no empty journal entry.
		const count = await journalCount(charter.actions[code]);
		await form(page).getByLabel('Date de la mesure').fill('2026-11-22');
		await save(page);
		await expect(page.getByText("Valeur enregistrée. L'état de l'action n'a pas changé.")).toBeVisible();
		expect(await journalCount(charter.actions[code])).toBe(count);
		await page.context().close();
	});

	test(`a save that changes nothing is refused; "Rien de nouveau, je confirme" is recorded (${mode})`, async ({
		browser
	}) => {
		const page = await open(browser, js, code);
		const before = await journalCount(charter.actions[code]);
		await save(page);
		await expect(page.locator('#update-comment-error')).toContainText("Rien n'a changé");
		expect(await journalCount(charter.actions[code])).toBe(before);
		await form(page).getByLabel('Commentaire').fill('Rien de nouveau, je confirme.');
		await save(page);
		await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
		await expect(page.locator('.timeline > li').first()).toContainText('Rien de nouveau, je confirme.');
		expect(await journalCount(charter.actions[code])).toBe(before + 1);
		await page.context().close();
	});
}

test('a contributor records progress but cannot change the status of an action another organization leads', async ({
	browser
}) => {
	const page = await open(browser, true, '1.3');
	await expect(form(page).getByLabel('Statut')).toHaveCount(0);
	await expect(form(page)).toContainText("Le statut est décidé par l'organisation pilote");
	await expect(form(page)).toContainText('Agence régionale de santé Nouvelle-Aquitaine');

	const { version } = await state('1.3');
	for (const status of ['abandoned', 'blocked', 'done']) {
		const result = await forgePost(page, `${url('1.3')}?/avancement`, {
			version: String(version),
			status,
			progress: status === 'done' ? '100' : '40',
			health: 'on_track',
			comment: 'Je décide pour le pilote.'
		});
		expect(result.status, status).toBe(403);
		expect(result.data).toContain('Seules');
	}
	expect(await state('1.3')).toMatchObject({ status: 'in_progress', version });

	await form(page).getByLabel('Avancement (%)').fill('45');
	await form(page).getByLabel('Commentaire').fill('Notre part est faite.');
	await save(page);
	await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
	expect(await state('1.3')).toMatchObject({ status: 'in_progress', progress: 45 });
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('a blocked action says "Bloquée" once in its header', async ({ browser }) => {
	await journal('1.3', 'blocked', 45, 'En attente du financement.');
	const page = await open(browser, true, '1.3');
	await expect(page.locator('.state')).toContainText('Bloquée');
	await expect(page.locator('.state').getByText('Bloquée', { exact: true })).toHaveCount(1);
	await page.context().close();
});
