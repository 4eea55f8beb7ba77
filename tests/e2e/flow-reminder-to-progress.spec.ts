/**
 * The partner's minute (issue 13), timed: the weekly reminder is written to the real outbox
 * (enqueue_weekly_digests), sent by the real sender (drainOutbox, or the app's own sender if it is first) to the
 * stack's SMTP sink and read from the dev mailbox; its button for the action opens the update form, through the
 * sign-in page when the person is signed out, and progress is recorded. After sign-in it takes at most 3 clicks,
 * and the whole path less than 60 seconds.
 */
import { expect, test, type Locator } from '@playwright/test';
import { sql, serviceClient } from '../helpers/env.ts';
import { drainOutbox } from '../notifications/world.ts';
import { waitForMail } from './helpers.ts';
import { createCharter, freshUser, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

let charter: TestCharter;
let rep: { id: string; email: string };
/** The e-mail's link for action 2.2, once the first test has read it. */
let link: string | undefined;

test.beforeAll(async () => {
	const coordinator = await freshUser('coordination-flow', 'Camille Coordination');
	rep = await freshUser('fac-flow', 'Inès Faculté');
	charter = await createCharter({
		title: 'Rappel vers avancement',
		coordinatorId: coordinator.id,
		partners: ['Faculté de médecine de Limoges', 'ARS Nouvelle-Aquitaine'],
		members: [{ userId: rep.id, role: 'partner_rep', organization: 'Faculté de médecine de Limoges' }],
		objectives: [{ code: '2', title: 'Former et accueillir' }],
		actions: [
			{ code: '2.2', objective: '2', title: 'Stages en zone sous-dotée', lead: 'Faculté de médecine de Limoges' },
			{
				code: '2.3',
				objective: '2',
				title: 'Logement des internes',
				lead: 'ARS Nouvelle-Aquitaine',
				contributors: ['Faculté de médecine de Limoges']
			}
		]
	});
	// Both actions have had no news for longer than the charter allows (60 days): the digest names them.
	await sql(`update public.actions set created_at = now() - interval '90 days' where charter_id = $1`, [charter.id]);
});
test.afterAll(async () => {
	await sql('delete from public.notifications where charter_id = $1', [charter.id]);
	await charter?.drop();
});

test('from the reminder e-mail to recorded progress: under 60 s and at most 3 clicks after sign-in', async ({
	page,
	baseURL
}) => {
	const since = new Date(Date.now() - 1000);
	const { error } = await serviceClient().rpc('enqueue_weekly_digests', { p_charter_id: charter.id });
	expect(error).toBeNull();
	await drainOutbox({ charterId: charter.id, siteUrl: baseURL! });
	const mail = await waitForMail(rep.email, since, 20_000);

	// The pilot's action first, with what is expected; the contribution after, with the pilot named.
	expect(mail.text).toContain(
		"Faculté de médecine de Limoges pilote ces actions : c'est à vous d'en donner l'état (statut, avancement, commentaire)."
	);
	expect(mail.text).toContain('Faculté de médecine de Limoges contribue à ces actions');
	expect(mail.text).toContain('- 2.3 Logement des internes (pilote : Agence régionale de santé Nouvelle-Aquitaine)');
	expect(mail.text.indexOf('2.2 Stages')).toBeLessThan(mail.text.indexOf('2.3 Logement'));
	link = /Mettre à jour l'action 2\.2 : (\S+)/.exec(mail.text)?.[1];
	expect(link).toBe(
		`${baseURL}/chartes/${charter.slug}/actions/${charter.actions['2.2']}?formulaire=mise-a-jour#mise-a-jour`
	);
	// The HTML part has the same address behind a button.
	expect(mail.html).toContain(`href="${link!.replace(/&/g, '&amp;')}"`);
	expect(mail.html).toContain('>Mettre à jour l&#39;action 2.2</a>');

	// The clock runs from the click in the e-mail.
	const started = Date.now();
	await page.goto(link!);
	await expect(page).toHaveURL(/\/connexion\?suivant=/);
	const signIn = page.locator('form[action="?/motdepasse"]');
	await signIn.getByLabel('Adresse e-mail').fill(rep.email);
	await signIn.getByLabel('Mot de passe').fill(TEST_PASSWORD);
	await signIn.getByRole('button', { name: 'Se connecter' }).click();

	// After sign-in: back on the action, at its update form.
	let clicks = 0;
	const click = async (target: Locator) => {
		clicks += 1;
		await target.click();
	};
	await page.waitForURL((url) => url.pathname === `/chartes/${charter.slug}/actions/${charter.actions['2.2']}`);
	await expect(page).toHaveURL(/#mise-a-jour$/);
	const form = page.locator('#mise-a-jour form');
	await expect(form).toBeInViewport();
	const comment = 'Trois terrains de stage ouverts, conventions signées.';
	await form.getByLabel('Avancement (%)').fill('35');
	await form.getByLabel('Commentaire').fill(comment);
	await click(form.getByRole('button', { name: 'Enregistrer la mise à jour' }));
	await expect(page.getByText('Mise à jour enregistrée')).toBeVisible();
	const first = page.locator('.timeline > li').first();
	await expect(first).toContainText(comment);
	await expect(first).toContainText('Avancement : 0 % → 35 %');
	const seconds = Math.round((Date.now() - started) / 100) / 10;

	console.log(`flow: reminder→progress ${seconds} s, ${clicks} clicks`);
	expect(clicks).toBeLessThanOrEqual(3);
	expect(seconds).toBeLessThan(60);
	const [saved] = await sql<{ progress: number }>('select progress from public.actions where id = $1', [
		charter.actions['2.2']
	]);
	expect(saved.progress).toBe(35);
});

test('the same link leads to the update form without JavaScript, through the sign-in page', async ({ browser }) => {
	test.skip(!link, 'needs the e-mail of the first test');
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(link!);
	await expect(page).toHaveURL(/\/connexion\?suivant=/);
	const signIn = page.locator('form[action="?/motdepasse"]');
	await signIn.getByLabel('Adresse e-mail').fill(rep.email);
	await signIn.getByLabel('Mot de passe').fill(TEST_PASSWORD);
	await signIn.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).toHaveURL(`/chartes/${charter.slug}/actions/${charter.actions['2.2']}#mise-a-jour`);
	const form = page.locator('#mise-a-jour form');
	await form.getByLabel('Avancement (%)').fill('50');
	await form.getByLabel('Commentaire').fill('Sans JavaScript aussi.');
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(page.locator('.timeline > li').first()).toContainText('Avancement : 35 % → 50 %');
	await context.close();
});
