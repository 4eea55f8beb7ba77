/**
 * The installation pipeline on a charter's dashboard (src/lib/components/support-pipeline*.svelte), on a charter
 * of its own (tests/support/pipeline-fixture.ts): the coordination reads exact counts, a steering member reads
 * « < 3 » where a count is 1 or 2; the chart has its table beside it, the tables work without JavaScript, the
 * overdue referrals reach the alerts, and the page passes axe and fits a phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers.ts';
import { drawnPixels } from './dashboard-helpers.ts';
import {
	createPipelineFixture,
	PIPELINE_PASSWORD,
	removePipelineFixture,
	type PipelineFixture
} from '../support/pipeline-fixture.ts';

let fx: PipelineFixture;

test.beforeAll(async () => {
	fx = await createPipelineFixture();
});
test.afterAll(async () => {
	await removePipelineFixture(fx);
});

const dashboard = () => `/chartes/${fx.slug}/tableau-de-bord`;
const section = (page: Page) => page.getByTestId('support-pipeline');
const pipelineFigure = (page: Page, key: string) =>
	section(page).locator(`[data-figure="${key}"]`).getAttribute('data-value');

test.describe('installation pipeline on the dashboard', () => {
	test('the coordination reads exact counts, the chart with its table beside it, and the overdue referrals', async ({
		page
	}) => {
		await signIn(page, fx.users.coordinator.email, PIPELINE_PASSWORD);
		await page.goto(dashboard());
		await expect(
			section(page).getByRole('heading', { level: 2, name: 'Installation des professionnels' })
		).toBeVisible();
		await expect(page.getByTestId('pipeline-withheld-note')).toHaveCount(0);
		expect(await pipelineFigure(page, 'requests_open')).toBe('6');
		expect(await pipelineFigure(page, 'median_days')).toBe('70');
		expect(await pipelineFigure(page, 'referrals_overdue')).toBe('4');

		const chart = section(page).getByRole('figure', { name: 'Demandes par statut' });
		expect(await drawnPixels(page, chart.locator('canvas'))).toBeGreaterThan(500);
		// The table is shown with the chart, not behind a disclosure.
		await expect(chart.getByRole('table')).toBeVisible();
		await expect(chart.getByRole('row', { name: 'Nouvelle 2' })).toBeVisible();
		await expect(chart.getByRole('row', { name: /Abandonnée 1/ })).toBeVisible();

		const referrals = section(page).getByRole('table', { name: 'Orientations répondues à temps, par partenaire' });
		const p2 = referrals.locator(`tr[data-key="${fx.organizations.p2}"]`);
		await expect(p2).toHaveClass(/late/);
		await expect(p2).toContainText('(en retard)');
		await expect(p2.locator('td').last()).toHaveText('3');

		await expect(page.getByTestId('pipeline-overdue-alert')).toContainText('en retard : 4');
		await page.getByTestId('pipeline-overdue-alert').getByRole('link').click();
		await expect(page).toHaveURL(/#pipeline-referrals$/);
		await expectNoAxeViolations(page);
	});

	test('a steering member reads « < 3 » for counts of 1 or 2, with or without JavaScript, on a phone too', async ({
		page,
		browser
	}) => {
		await signIn(page, fx.users.steering.email, PIPELINE_PASSWORD);
		await page.goto(dashboard());
		await expect(page.getByTestId('pipeline-withheld-note')).toBeVisible();
		const chart = section(page).getByRole('figure', { name: 'Demandes par statut' });
		await expect(chart.getByRole('row', { name: 'Nouvelle < 3' })).toBeVisible();
		await expect(chart.getByRole('row', { name: /^En cours.* 4$/ })).toBeVisible();
		await expect(chart.getByRole('row', { name: 'Abandonnée < 3' })).toBeVisible();
		const professions = section(page).getByRole('table', { name: 'Demandes par profession' });
		await expect(professions.getByRole('row', { name: 'Kinésithérapie < 3' })).toBeVisible();
		await expect(professions.getByRole('row', { name: 'Médecine 9' })).toBeVisible();
		await expect(page.getByTestId('pipeline-overdue-alert')).toContainText('en retard : 4');
		await expectNoAxeViolations(page);

		// Without JavaScript the tables are all there.
		const cookies = await page.context().cookies();
		const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
		await noJs.addCookies(cookies);
		const plain = await noJs.newPage();
		await plain.goto(dashboard());
		await expect(section(plain).getByRole('row', { name: 'Nouvelle < 3' })).toBeVisible();
		await expect(section(plain).getByRole('table', { name: 'Installations par commune et par année' })).toBeVisible();
		// 390 px: nothing wider than the screen.
		expect(await plain.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await noJs.close();
	});
});
