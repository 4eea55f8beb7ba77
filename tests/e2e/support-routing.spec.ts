/**
 * Routing a support request end to end (issue 14), timed: the Vaucluse coordination opens a request (created
 * here as the superuser, the form being another page's), routes its housing need to the Mairie de Carpentras
 * and its premises need to the CPTS Cerebellum; each partner's representative opens the referral e-mail from
 * the mailbox, signs in and lands on the request (the e-mail's click is the only one), accepts and answers; the
 * coordination reads the answers in the journal and marks the request installed. Every page is axe-clean.
 */
import { expect, test, type Browser } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { drainOutbox } from '../notifications/world.ts';
import { DEMO_PASSWORD, expectNoAxeViolations, signIn, waitForMail } from './helpers.ts';
import { markInstalled, routeNeed } from './support-helpers.ts';

const SLUG = 'vaucluse-sante-attractivite';
const COORDINATOR = 'coordination.vaucluse@example.org';
const PARTNERS = [
	{ email: 'mairie.carpentras@example.org', organization: 'Mairie de Carpentras', need: 'Logement' },
	{ email: 'cpts.cerebellum@example.org', organization: 'CPTS Cerebellum', need: 'Locaux professionnels' }
] as const;

let request: { id: string; reference: string };
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test.beforeAll(async () => {
	[request] = await sql<{ id: string; reference: string }>(
		`insert into public.support_requests (charter_id, requester_first_name, requester_last_name, requester_email,
		   requester_phone, profession, stage, project, needs, channel)
		 select id, 'Léa', 'Fontaine', 'lea.fontaine.e2e@example.net', '06 10 20 30 40', 'medecine', 'docteur_junior',
		   'Installation en cabinet de groupe à Carpentras.', '{logement,locaux}', 'phone'
		 from public.charters where slug = $1 returning id, reference`,
		[SLUG]
	);
	await sql(
		`insert into public.support_request_communes (request_id, charter_id, commune_code)
		 select id, charter_id, '84031' from public.support_requests where id = $1`,
		[request.id]
	);
});
test.afterAll(async () => {
	if (!request) return;
	await sql('delete from public.notifications where support_request_id = $1', [request.id]);
	await sql('delete from public.support_requests where id = $1', [request.id]);
});

async function partnerAnswers(browser: Browser, baseURL: string, partner: (typeof PARTNERS)[number], since: Date) {
	const mail = await waitForMail(partner.email, since, 20_000);
	expect(mail.subject).toContain(`(demande ${request.reference})`);
	expect(mail.text).toContain('- Prénom : Léa');
	expect(mail.text).not.toContain('Fontaine');
	const link = new RegExp(`Ouvrir la demande ${request.reference} : (\\S+)`).exec(mail.text)?.[1];
	expect(link).toMatch(new RegExp(`^${baseURL}/demandes/[0-9a-f-]{36}$`));

	const context = await browser.newContext();
	const page = await context.newPage();
	const started = Date.now();
	// The one click: the e-mail's button. The sign-in page returns to the referral.
	await page.goto(link!);
	await expect(page).toHaveURL(/\/connexion\?suivant=%2Fdemandes%2F/);
	const signInForm = page.locator('form[action="?/motdepasse"]');
	await signInForm.getByLabel('Adresse e-mail').fill(partner.email);
	await signInForm.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
	await signInForm.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande ${request.reference}`);
	await expect(page.getByText('apparaissent une fois la demande acceptée')).toBeVisible();
	await expect(page.getByText('lea.fontaine.e2e@example.net')).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.getByLabel('Votre réponse (facultatif)').fill(`${partner.organization} s'en occupe.`);
	await page.getByRole('button', { name: 'Accepter' }).click();
	await expect(page.getByText('Réponse enregistrée.')).toBeVisible();
	await expect(page.getByText('lea.fontaine.e2e@example.net')).toBeVisible();
	await expect(page.locator('.journal li').first()).toContainText(
		`Prise en charge — ${partner.organization} s'en occupe.`
	);
	const seconds = (Date.now() - started) / 1000;
	console.log(`routing: ${partner.organization} from the e-mail to the answer in ${seconds.toFixed(1)} s`);

	// The Demandes page lists it, next to Mes actions.
	await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes' }).click();
	await expect(page.getByRole('link', { name: request.reference })).toBeVisible();
	await expectNoAxeViolations(page);
	// The coordination's list is not theirs.
	expect((await page.goto(`/chartes/${SLUG}/demandes`))?.status()).toBe(404);
	await context.close();
}

test('the coordination routes a request to a mairie and a CPTS, each answers from the e-mail, the coordination marks it installed', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, COORDINATOR);
	await page.goto(`/chartes/${SLUG}`);
	await page.getByRole('link', { name: 'Demandes', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Demandes d'accompagnement");
	await expect(page.getByRole('link', { name: 'Enregistrer une demande' })).toHaveAttribute(
		'href',
		/\/demandes\/nouvelle$/
	);
	await expectNoAxeViolations(page);

	// The filters are a plain GET form.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Besoin').selectOption({ label: 'Logement' });
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/besoin=logement/);
	await page.getByRole('link', { name: request.reference }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande ${request.reference}`);
	await expectNoAxeViolations(page);

	await page.waitForLoadState('networkidle');
	const since = new Date(Date.now() - 1000);
	await routeNeed(page, PARTNERS[0].need, PARTNERS[0].organization, inDays(10));
	await routeNeed(page, PARTNERS[1].need, PARTNERS[1].organization, inDays(14));
	await expect(page.locator('.referrals li')).toHaveCount(2);
	await drainOutbox({ siteUrl: baseURL! });

	for (const partner of PARTNERS) await partnerAnswers(browser, baseURL!, partner, since);

	const [answered] = await sql<{ n: number }>(
		`select count(*)::int as n from public.referrals where request_id = $1 and status = 'accepted' and answered_at is not null`,
		[request.id]
	);
	expect(answered.n).toBe(2);

	// The coordination reads both answers and records the installation.
	await page.reload();
	for (const partner of PARTNERS)
		await expect(page.locator('.journal')).toContainText(`Prise en charge — ${partner.organization} s'en occupe.`);
	await markInstalled(page, today);
	await page.reload();
	await expect(page.locator('.page-header .badge')).toHaveText('Installation réalisée');
	await expectNoAxeViolations(page);
	const [row] = await sql<{ status: string; installed_commune_code: string; installed_mode: string }>(
		'select status, installed_commune_code, installed_mode from public.support_requests where id = $1',
		[request.id]
	);
	expect(row).toEqual({ status: 'installed', installed_commune_code: '84031', installed_mode: 'liberal' });
});

test('without JavaScript, a partner declines a referral with an answer and adds a note', async ({ browser }) => {
	// The request is followed again (the first test installed it), and a new referral to the mairie is late.
	await sql(`update public.support_requests set status = 'in_progress' where id = $1`, [request.id]);
	const [referral] = await sql<{ id: string }>(
		`insert into public.referrals (request_id, charter_id, organization_id, need, due_on)
		 select r.id, r.charter_id, o.id, 'information', current_date - 3
		 from public.support_requests r, public.organizations o
		 where r.id = $1 and o.name = 'Mairie de Carpentras'
		 returning id`,
		[request.id]
	);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, PARTNERS[0].email);
	// Overdue: in Mes actions, then first in Demandes.
	await page.goto('/mes-actions');
	await expect(page.getByRole('heading', { name: 'Demandes en retard' })).toBeVisible();
	await page.getByRole('link', { name: 'Voir les demandes' }).click();
	await expect(page.locator('tbody tr').first()).toContainText('En retard');
	await page.goto(`/demandes/${referral.id}`);
	await page.getByLabel('Votre réponse (facultatif)').fill('Plus de logement communal disponible.');
	await page.getByRole('button', { name: 'Décliner' }).click();
	await expect(page.getByText('Réponse enregistrée.')).toBeVisible();
	await page.getByLabel('Texte').fill('Appelé la personne pour lui proposer une autre piste.');
	await page.getByLabel("Type d'entrée").selectOption({ label: 'Contact avec la personne' });
	await page.getByRole('button', { name: 'Ajouter au suivi' }).click();
	await expect(page.getByText('Ajouté au suivi.')).toBeVisible();
	const events = await sql<{ kind: string; body: string }>(
		`select kind, body from public.support_request_events where request_id = $1 and organization_id =
		   (select id from public.organizations where name = 'Mairie de Carpentras') order by created_at`,
		[request.id]
	);
	expect(events.slice(-2).map((e) => e.kind)).toEqual(['answer', 'contact']);
	await context.close();
});

test("the coordination exports the person's data as a file, then erases it after confirming", async ({ page }) => {
	await signIn(page, COORDINATOR);
	const base = `/chartes/${SLUG}/demandes/${request.reference}`;
	const file = await page.request.get(`${base}/export`);
	expect(file.status()).toBe(200);
	expect(file.headers()['content-disposition']).toBe(`attachment; filename="demande-${request.reference}.json"`);
	const exported = (await file.json()) as { requests: { reference: string; email: string; referrals: unknown[] }[] };
	expect(exported.requests.map((r) => [r.reference, r.email])).toEqual([
		[request.reference, 'lea.fontaine.e2e@example.net']
	]);
	expect(exported.requests[0].referrals.length).toBeGreaterThanOrEqual(2);

	await page.goto(base);
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Effacer les données de la personne' }).click();
	await expect(page.getByText("Cochez la case pour confirmer l'effacement.")).toBeVisible();
	await page.getByLabel('Je confirme effacer').check();
	await page.getByRole('button', { name: 'Effacer les données de la personne' }).click();
	await expect(page.getByText('Les données personnelles de la personne sont effacées.')).toBeVisible();
	await expect(page.getByText('lea.fontaine.e2e@example.net')).toHaveCount(0);
	await expectNoAxeViolations(page);
	const [row] = await sql<{ erased: boolean }>(
		'select erased_at is not null as erased from public.support_requests where id = $1',
		[request.id]
	);
	expect(row.erased).toBe(true);
});
