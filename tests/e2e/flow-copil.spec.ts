/**
 * The COPIL cycle end to end (issue 15), in Chromium, with time moved forward in the test (the campaign job gets
 * the day) rather than waited for:
 *   1. the coordinator plans a COPIL three weeks ahead with an updates-due date;
 *   2. both partners receive the campaign e-mail, then the reminders at D-7 and D-2 go only to the one who has not
 *      updated, each exactly once (the job runs twice a day, the mailbox is counted);
 *   3. one representative updates from the e-mail's link;
 *   4. the board shows who is missing;
 *   5. the meeting is held (snapshot taken), two decisions are recorded, one creating an action;
 *   6. the owner's representative sees the decision in Mes actions and marks it done;
 *   7. the next meeting's agenda lists the done decision for review, and the dashboard's "Depuis le COPIL" shows
 *      the changes.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { serviceClient, sql } from '../helpers/env.ts';
import { drainOutbox } from '../notifications/world.ts';
import { expectNoAxeViolations, testStack } from './helpers.ts';
import { createCharter, freshUser, organizationId, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';

const FAC = 'Faculté de médecine de Limoges';
const ARS = 'ARS Nouvelle-Aquitaine';
let charter: TestCharter;
let coordinator: { id: string; email: string };
const reps = {} as Record<'fac' | 'ars', { id: string; email: string }>;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const fr = (iso: string) => iso.split('-').reverse().join('/');

test.beforeAll(async () => {
	coordinator = await freshUser('coordination-copil', 'Claire Coordination');
	reps.fac = await freshUser('fac-copil', 'Inès Faculté');
	reps.ars = await freshUser('ars-copil', 'Paul ARS');
	charter = await createCharter({
		title: 'Cycle du COPIL de bout en bout',
		coordinatorId: coordinator.id,
		partners: [FAC, ARS],
		members: [
			{ userId: reps.fac.id, role: 'partner_rep', organization: FAC },
			{ userId: reps.ars.id, role: 'partner_rep', organization: ARS }
		],
		objectives: [{ code: '1', title: 'Former et accueillir les internes' }],
		actions: [
			{ code: '1.1', objective: '1', title: 'Stages en zone sous-dotée', lead: FAC },
			{ code: '1.2', objective: '1', title: 'Logement des internes', lead: ARS }
		]
	});
});
test.afterAll(async () => {
	await sql('delete from public.notifications where charter_id = $1', [charter.id]);
	await charter?.drop();
});

/** The e-mails to `to` received since `since`, by subject (the dev mailbox's search API). */
async function subjectsTo(to: string, since: Date): Promise<string[]> {
	const res = await fetch(`${testStack.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
	const list = (await res.json()) as { messages: { ID: string; Subject: string; Created: string }[] };
	return list.messages.filter((m) => new Date(m.Created) >= since).map((m) => m.Subject);
}
async function mailTo(to: string, since: Date, subject: RegExp): Promise<string> {
	for (let i = 0; i < 80; i++) {
		const res = await fetch(`${testStack.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
		const list = (await res.json()) as { messages: { ID: string; Subject: string; Created: string }[] };
		const found = list.messages.find((m) => new Date(m.Created) >= since && subject.test(m.Subject));
		if (found)
			return ((await (await fetch(`${testStack.mailboxUrl}/api/v1/message/${found.ID}`)).json()) as { Text: string })
				.Text;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`no e-mail "${subject}" to ${to}`);
}
/** The campaign job on a given day, twice (it must add nothing the second time), then the sender. */
async function campaignDay(day: string, baseURL: string): Promise<void> {
	for (let run = 0; run < 2; run++) {
		const { error } = await serviceClient().rpc('enqueue_campaign_notices', { p_today: day, p_charter_id: charter.id });
		expect(error).toBeNull();
	}
	await drainOutbox({ charterId: charter.id, siteUrl: baseURL });
}
async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signInAs(page, email, TEST_PASSWORD);
	return page;
}

test('plan, campaign, board, hold, decide, follow up, review', async ({ page, browser, baseURL }) => {
	test.setTimeout(180_000);
	const started = Date.now();
	const since = new Date(Date.now() - 1000);
	const base = `/chartes/${charter.slug}`;

	// 1. The coordinator plans the COPIL, with the updates due a week before it.
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`${base}/reunions/nouvelle`);
	await page.getByLabel('Intitulé').fill('COPIL de printemps');
	await page.getByLabel('Date', { exact: true }).fill(inDays(21));
	await page.getByLabel('Heure de début').fill('14:00');
	await page.getByLabel('Lieu').fill('Faculté de médecine, salle du conseil');
	await page.getByLabel('Mises à jour attendues avant le').fill(inDays(14));
	await page.getByRole('button', { name: 'Planifier et envoyer les invitations' }).click();
	await expect(page.getByText('Réunion planifiée : les invitations partent par e-mail.')).toBeVisible();
	const meetingId = /\/reunions\/([0-9a-f-]{36})/.exec(page.url())![1];
	const heading = `COPIL du ${fr(inDays(21))}`;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);

	// 2. The campaign: the opening notice to both, then the reminders only to the one who has not updated.
	await campaignDay(today, baseURL!);
	const notice = await mailTo(reps.fac.email, since, /vos actions à mettre à jour/);
	await mailTo(reps.ars.email, since, /vos actions à mettre à jour/);

	// 3. The faculty's representative updates from the e-mail's link.
	const link = /Mettre à jour l'action 1\.1 : (\S+)/.exec(notice)?.[1];
	expect(link).toBe(`${baseURL}${base}/actions/${charter.actions['1.1']}?formulaire=mise-a-jour#mise-a-jour`);
	const fac = await signedIn(browser, reps.fac.email);
	await fac.goto(link!);
	const form = fac.locator('#mise-a-jour form');
	await form.getByLabel('Avancement (%)').fill('45');
	await form.getByRole('radio', { name: "Besoin d'arbitrage" }).check();
	await form.getByLabel('Commentaire').fill('Il faut arbitrer le financement du second lieu de stage.');
	await form.getByRole('button', { name: 'Enregistrer la mise à jour' }).click();
	await expect(fac.getByText('Mise à jour enregistrée')).toBeVisible();

	await campaignDay(inDays(7), baseURL!);
	await campaignDay(inDays(12), baseURL!);
	await mailTo(reps.ars.email, since, /^Rappel .*avant le/);
	// Give the sender's last messages time to land, then count: one notice each, two reminders for the ARS only.
	await expect
		.poll(async () => (await subjectsTo(reps.ars.email, since)).filter((s) => /action/.test(s)).length, {
			timeout: 10_000
		})
		.toBe(3);
	const arsMails = (await subjectsTo(reps.ars.email, since)).filter((s) => /action/.test(s));
	expect(arsMails.filter((s) => s.startsWith('Rappel'))).toHaveLength(2);
	const facMails = (await subjectsTo(reps.fac.email, since)).filter((s) => /action/.test(s));
	expect(facMails).toHaveLength(1);

	// 4. The board shows who is missing.
	await page.goto(`${base}/reunions/${meetingId}/campagne`);
	await expect(page.getByText('Actions mises à jour : 1 sur 2')).toBeVisible();
	await expect(page.getByRole('row', { name: /Faculté de médecine de Limoges/ })).toContainText('Toutes à jour');
	await expect(
		page.getByRole('row', { name: /ARS|Agence régionale/ }).getByRole('link', { name: '1.2 Logement des internes' })
	).toBeVisible();

	// 5. The meeting is held: the dashboard is frozen; two decisions, the second creating an action.
	// The agenda was proposed when the meeting was planned; the arbitration asked since is proposed on request.
	await page.goto(`${base}/reunions/${meetingId}/ordre-du-jour`);
	await expect(page.getByText(/Arbitrage demandé — action 1\.1/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Ajouter les nouveaux points proposés' }).click();
	await expect(page.getByText(/Arbitrage demandé — action 1\.1/)).toBeVisible();
	await page.goto(`${base}/reunions/${meetingId}/compte-rendu`);
	await page.getByRole('button', { name: 'Tenir la réunion' }).click();
	await page
		.getByRole('region', { name: 'Tenir la réunion' })
		.filter({ hasText: 'fige le tableau de bord' })
		.getByRole('button', { name: 'Tenir la réunion' })
		.click();
	await expect(page.getByText('La réunion est tenue : le tableau de bord est figé.')).toBeVisible();
	const [{ n: snapshots }] = await sql<{ n: string }>(
		'select count(*) as n from public.meeting_snapshots where meeting_id = $1',
		[meetingId]
	);
	expect(Number(snapshots)).toBe(1);

	await page.goto(`${base}/reunions/${meetingId}/decisions`);
	const record = page.locator('form[action="?/enregistrer"]');
	await record.getByLabel('Décision', { exact: true }).fill('Financer le second lieu de stage sur le fonds du plan.');
	await record.getByLabel('Organisation responsable').selectOption(await organizationId(FAC));
	await record.getByRole('button', { name: 'Enregistrer la décision' }).click();
	await expect(page.getByText('Décision D01 enregistrée.')).toBeVisible();
	await record.getByLabel('Décision', { exact: true }).fill('Ouvrir un logement pour les internes à Saint-Junien.');
	await record.getByLabel('Organisation responsable').selectOption(await organizationId(ARS));
	await record.getByLabel('Créer une nouvelle action').check();
	await record.getByLabel('Objectif de la nouvelle action').selectOption({ index: 1 });
	await record.getByLabel('Intitulé de la nouvelle action').fill('Logement des internes à Saint-Junien');
	await record.getByRole('button', { name: 'Enregistrer la décision' }).click();
	await expect(page.getByText('Décision D02 enregistrée.')).toBeVisible();
	const [created] = await sql<{ code: string; lead: string }>(
		`select a.code, o.name as lead from public.decisions d join public.actions a on a.id = d.action_id
		 join public.organizations o on o.id = a.lead_organization_id where d.charter_id = $1 and d.code = 'D02'`,
		[charter.id]
	);
	expect(created).toEqual({ code: '1.3', lead: 'Agence régionale de santé Nouvelle-Aquitaine' });

	// 6. The owner's representative sees the decision in Mes actions and marks it done.
	const ars = await signedIn(browser, reps.ars.email);
	await ars.goto('/mes-actions');
	const follow = ars.getByRole('region', { name: 'Décisions à suivre' });
	const item = follow.getByTestId('decision-follow-up').filter({ hasText: 'Ouvrir un logement pour les internes' });
	await item.getByLabel(/Ce qui a été fait/).fill('Bail signé avec la commune pour deux studios.');
	await item.getByRole('button', { name: /Marquer comme faite/ }).click();
	await expect(ars.getByText('Décision D02 marquée comme faite.')).toBeVisible();
	await expectNoAxeViolations(ars);

	// 7. The next meeting's agenda lists the done decision for review; the dashboard says what changed.
	await page.goto(`${base}/reunions/nouvelle`);
	await page.getByLabel('Intitulé').fill("COPIL d'automne");
	await page.getByLabel('Date', { exact: true }).fill(inDays(120));
	await page.getByLabel('Heure de début').fill('10:00');
	await page.getByLabel('Lieu').fill('Agence régionale de santé');
	await page.getByRole('button', { name: 'Planifier et envoyer les invitations' }).click();
	await expect(page.getByText('Réunion planifiée : les invitations partent par e-mail.')).toBeVisible();
	await page.getByRole('link', { name: 'Ordre du jour' }).click();
	const review = page.locator('ol.agenda > li').filter({ hasText: 'D02 — Ouvrir un logement pour les internes' });
	await expect(review).toContainText(': faite');
	await expect(review.locator('[data-decision-status="done"]')).toHaveText('Aujourd’hui : Faite');
	await expect(page.getByText(/D01 — Financer le second lieu de stage/)).toBeVisible();
	await expectNoAxeViolations(page);

	await page.goto(`${base}/tableau-de-bord`);
	const sinceBlock = page.getByRole('region', { name: `Depuis le ${heading}` });
	await expect(sinceBlock).toContainText('Logement des internes à Saint-Junien');
	await expect(sinceBlock).toContainText('D02');
	console.log(`flow: COPIL planned→reviewed ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
