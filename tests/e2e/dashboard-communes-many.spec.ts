/**
 * A charter whose actions touch more than 40 communes (a regional plan): the dashboard's commune filter is a text
 * field instead of a list of hundreds of options. A typed name (any case, without accents) or an INSEE code
 * filters on that commune; a name that matches none, or several communes of the same name, is said next to the
 * field, with what was typed kept. With and without JavaScript; axe (which runs in the page) with it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { createAccount, expectNoAxeViolations, signIn } from './helpers.ts';

const run = randomUUID().slice(0, 8);
const email = `communes-${run}@example.com`;
const slug = `communes-${run}`;
const dashboard = `/chartes/${slug}/tableau-de-bord`;
let homonym = '';

test.beforeAll(async () => {
	await createAccount(email, 'Coordination régionale');
	const [{ id: org }] = await sql<{ id: string }>(
		`insert into public.organizations (name, kind) values ($1, 'autre') returning id`,
		[`Coordination communes ${run}`]
	);
	const [{ id: charter }] = await sql<{ id: string }>(
		`insert into public.charters (slug, title, scope_level, status) values ($1, $2, 'region', 'active') returning id`,
		[slug, `Charte des communes ${run}`]
	);
	await sql(`insert into public.objectives (charter_id, code, title) values ($1, '1', 'Objectif unique')`, [charter]);
	// 45 communes of Haute-Vienne (Limoges among them) and two communes of the same name in two départements.
	const [{ name }] = await sql<{ name: string }>(
		`select name from public.communes where departement_code <> '87' group by name
		 having count(*) = 2 and count(distinct departement_code) = 2 order by name limit 1`
	);
	homonym = name;
	await sql(
		`with picked as (
		   select code, row_number() over (order by code = '87085' desc, code) as n
		   from public.communes where departement_code = '87'
		 ), chosen as (
		   select code, n from picked where n <= 45
		   union all
		   select code, 45 + row_number() over (order by code) from public.communes where name = $3 and departement_code <> '87'
		 ), made as (
		   insert into public.actions (charter_id, objective_id, code, title, lead_organization_id, position)
		   select $1, (select id from public.objectives where charter_id = $1), '1.' || n, 'Action ' || n, $2, n from chosen
		   returning id, position
		 )
		 insert into public.action_communes (action_id, charter_id, commune_code)
		 select made.id, $1, chosen.code from made join chosen on chosen.n = made.position`,
		[charter, org, homonym]
	);
	await sql(
		`insert into public.charter_members (charter_id, user_id, organization_id, role)
		 select $1, u.id, $2, 'coordinator' from auth.users u where u.email = $3`,
		[charter, org, email]
	);
});

test.afterAll(async () => {
	await sql(`delete from public.charters where slug = $1`, [slug]);
	await sql(`delete from auth.users where email = $1`, [email]);
	await sql(`delete from public.organizations where name = $1`, [`Coordination communes ${run}`]);
});

async function filterBy(page: Page, text: string) {
	const field = page.getByRole('textbox', { name: /^Commune/ });
	await field.fill(text);
	await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
}

for (const javaScriptEnabled of [true, false]) {
	test(`many communes: a text field filters by name or code (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled });
		const page = await context.newPage();
		await signIn(page, email);
		await page.goto(dashboard);
		// A text field with its hint, not a list of 47 options.
		const field = page.getByRole('textbox', { name: /^Commune/ });
		await expect(field).toBeVisible();
		await expect(page.locator('select#filtre-commune')).toHaveCount(0);
		await expect(page.getByText("Nom ou code INSEE d'une commune des actions de la charte")).toBeVisible();
		if (javaScriptEnabled) await expectNoAxeViolations(page);

		// Any case, without the accent it may have: the commune's code in the URL, its name in the field.
		await filterBy(page, 'LIMOGES');
		await expect(page).toHaveURL(/[?&]commune=87085(&|$)/);
		await expect(field).toHaveValue('Limoges (87)');
		await expect(page.getByText(/Filtré : .*Limoges/)).toBeVisible();

		// A name no action of the charter bears: said next to the field, the text kept.
		await filterBy(page, 'Commune imaginaire');
		await expect(field).toHaveValue('Commune imaginaire');
		await expect(
			page.getByText("Aucune action de la charte n'est rattachée à une commune nommée « Commune imaginaire ».")
		).toBeVisible();
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		if (javaScriptEnabled) await expectNoAxeViolations(page);

		// Two communes of that name: the field asks for the département, and the label picks one.
		await filterBy(page, homonym.toLowerCase());
		await expect(page.getByText(/Plusieurs communes portent ce nom/)).toBeVisible();
		const [{ label, code }] = await sql<{ label: string; code: string }>(
			`select name || ' (' || departement_code || ')' as label, code from public.communes where name = $1 order by code limit 1`,
			[homonym]
		);
		await filterBy(page, label);
		await expect(page).toHaveURL(new RegExp(`[?&]commune=${code}(&|$)`));
		await expect(field).toHaveValue(label);

		// An INSEE code works as well.
		await filterBy(page, '87085');
		await expect(page).toHaveURL(/[?&]commune=87085(&|$)/);
		await expect(field).toHaveValue('Limoges (87)');
		await context.close();
	});
}
