/**
 * Evidence in the browser (issue 16, "A partner attaches evidence to an indicator value"): a partner
 * representative attaches a PDF to a value of their indicator, with the keyboard, and sees it listed with its
 * size and date; they get no delete button and a forged delete is refused; the coordinator downloads it (the
 * response is the PDF) and deletes it after confirming. The upload also works without JavaScript, and a file
 * over 20 MB is refused with that reason. Every page visited is axe clean. The charter is this file's own.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import {
	createCharter,
	freshUser,
	forgePost,
	organizationId,
	signInAs,
	TEST_PASSWORD,
	type TestCharter
} from './fixtures.ts';
import { expectNoAxeViolations, tabTo } from './helpers.ts';

const ORG = 'Ordre des médecins 87';
let charter: TestCharter;
let coordinator: { id: string; email: string };
let rep: { id: string; email: string };
let indicatorId: string;
let indicatorPage: string;
let meetingId: string;
const title = `Registre des consultations ${Date.now()}`;
const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label} ${Date.now()} ${Math.random()}\n%%EOF\n`);
/** A PDF a little over the 20 MB limit. */
const big = () => {
	const bytes = Buffer.alloc(21 * 1024 * 1024, 0x20);
	bytes.write('%PDF-1.7\n');
	return bytes;
};
const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date());

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	coordinator = await freshUser('coord-docs', 'Coordination des documents');
	rep = await freshUser('rep-docs', 'Représentante des documents');
	charter = await createCharter({
		title: 'Documents',
		coordinatorId: coordinator.id,
		partners: [ORG],
		members: [{ userId: rep.id, role: 'partner_rep', organization: ORG }],
		objectives: [{ code: '1', title: 'Objectif de test' }],
		actions: [{ code: '1.1', objective: '1', title: 'Action avec preuves', lead: ORG }],
		indicators: [{ name: 'Consultations tenues', action: '1.1' }]
	});
	[{ id: indicatorId }] = await sql<{ id: string }>('select id from public.indicators where charter_id = $1', [
		charter.id
	]);
	await sql(
		"insert into public.indicator_values (charter_id, indicator_id, measured_on, value) values ($1, $2, '2026-10-31', 42)",
		[charter.id, indicatorId]
	);
	indicatorPage = `/chartes/${charter.slug}/indicateurs/${indicatorId}`;
	[{ id: meetingId }] = await sql<{ id: string }>(
		`insert into public.meetings (charter_id, title, starts_at, created_by)
		 values ($1, 'COPIL des documents', now() + interval '7 days', $2) returning id`,
		[charter.id, coordinator.id]
	);
	await sql(
		`insert into public.decisions (charter_id, meeting_id, text, owner_organization_id)
		 values ($1, $2, 'Signer la convention avec les maisons de santé', $3)`,
		[charter.id, meetingId, await organizationId(ORG)]
	);
});

test.afterAll(async () => {
	await sql("delete from storage.objects where bucket_id = 'charter-documents' and name like $1", [`${charter.id}/%`]);
	await charter.drop();
});

const documentRow = (page: import('@playwright/test').Page, name: string) =>
	page.getByTestId('document-row').filter({ hasText: name });

test('a partner representative attaches a PDF to an indicator value, with the keyboard', async ({ page }) => {
	await signInAs(page, rep.email, TEST_PASSWORD);
	await page.goto(indicatorPage);
	await expect(page.getByRole('heading', { name: 'Pièces justificatives', level: 2 })).toBeVisible();
	await expectNoAxeViolations(page);

	// The value's row offers the evidence form, which has the value chosen.
	await page.getByRole('link', { name: 'Ajouter une pièce justificative pour la valeur du 31/10/2026' }).click();
	const form = page.locator('form[action="?/uploadDocument"]');
	await expect(form.getByLabel('Valeur concernée')).toHaveValue(/.+/);
	await expect(form.getByText('PDF, documents bureautiques, images — 20 Mo au plus')).toBeVisible();
	// Partners file evidence only: no kind to choose.
	await expect(form.getByLabel('Type de document')).toHaveCount(0);
	await form
		.getByLabel('Fichier')
		.setInputFiles({ name: 'registre.pdf', mimeType: 'application/pdf', buffer: pdf('rep') });
	await tabTo(page, form.getByLabel('Titre du document'));
	await page.keyboard.type(title);
	await page.keyboard.press('Enter');

	await expect(form.getByRole('status')).toHaveText(`Document déposé : « ${title} ».`);
	const row = documentRow(page, title);
	await expect(row).toBeVisible();
	await expect(row).toContainText('Pièce justificative');
	await expect(row).toContainText(/\d+\s?octets/);
	await expect(row).toContainText(today);
	await expect(row).toContainText('Représentante des documents');
	await expect(row).toContainText('Consultations tenues, valeur du 31/10/2026');
	await expect(page.getByRole('cell', { name: /1 pièce/ })).toBeVisible();
	await expectNoAxeViolations(page);

	// No delete button for a partner, and a forged delete is refused by the database.
	await expect(row.getByRole('button', { name: /Supprimer/ })).toHaveCount(0);
	const [doc] = await sql<{ id: string }>('select id from public.documents where title = $1', [title]);
	const forged = await forgePost(page, `${indicatorPage}?/deleteDocument`, { documentId: doc.id, confirm: '1' });
	expect(forged).toMatchObject({ type: 'failure', status: 403 });
	expect(forged.data).toContain('Seule l');
	expect(await sql('select 1 from public.documents where id = $1', [doc.id])).toHaveLength(1);

	// A document one cannot see (or that does not exist) is a 404 in words (the app's 404 page).
	const missing = await page.goto(`/chartes/${charter.slug}/documents/${randomUUID()}`);
	expect(missing?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Page introuvable', level: 1 })).toBeVisible();
});

test('the coordinator downloads the PDF and deletes it after confirming', async ({ page }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/documents`);
	await expect(page.getByRole('heading', { name: 'Documents de la charte', level: 1 })).toBeVisible();
	const row = documentRow(page, title);
	await expect(row).toBeVisible();
	await expectNoAxeViolations(page);

	const href = await row.getByRole('link', { name: /Télécharger/ }).getAttribute('href');
	const response = await page.request.get(href!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/pdf');
	expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
	expect(decodeURIComponent(response.headers()['content-disposition'] ?? '')).toContain('registre.pdf');

	await row.getByRole('button', { name: `Supprimer « ${title} »` }).click();
	const question = page.getByRole('region', { name: 'Supprimer ce document ?' });
	await expect(question).toBeFocused();
	await expect(question).toContainText(title);
	await expectNoAxeViolations(page);
	await question.getByRole('button', { name: 'Supprimer' }).click();
	await expect(page.getByText(`Document supprimé : « ${title} ».`)).toBeVisible();
	await expect(documentRow(page, title)).toHaveCount(0);
	expect(await sql('select 1 from public.documents where title = $1', [title])).toHaveLength(0);
});

test('without JavaScript, the coordinator files the signed charter', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/connexion');
	const signInForm = page.locator('form[action="?/motdepasse"]');
	await signInForm.getByLabel('Adresse e-mail').fill(coordinator.email);
	await signInForm.getByLabel('Mot de passe').fill(TEST_PASSWORD);
	await signInForm.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));

	await page.goto(`/chartes/${charter.slug}/documents`);
	const form = page.locator('form[action="?/uploadDocument"]');
	const signed = pdf('charte');
	await form.getByLabel('Fichier').setInputFiles({ name: 'charte.pdf', mimeType: 'application/pdf', buffer: signed });
	await form.getByLabel('Type de document').selectOption({ label: 'Charte signée' });
	await form.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(page.getByText('Document déposé : « charte ».')).toBeVisible();
	await expect(documentRow(page, 'charte.pdf')).toContainText('Charte signée');

	// The same file again: refused next to the field, with a link to the first.
	await page.goto(`/chartes/${charter.slug}/documents`);
	await form.getByLabel('Fichier').setInputFiles({ name: 'copie.pdf', mimeType: 'application/pdf', buffer: signed });
	await form.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(form.getByLabel('Fichier')).toHaveAttribute('aria-invalid', 'true');
	await expect(form.getByText(/Ce fichier est déjà dans la charte : « charte », déposé le/)).toBeVisible();
	await expect(form.getByRole('link', { name: 'Voir « charte »' })).toHaveAttribute(
		'href',
		new RegExp(`/chartes/${charter.slug}/documents/[0-9a-f-]{36}$`)
	);

	// Over 20 MB: the page comes back with the reason next to the field (the body is not even read).
	await page.goto(`/chartes/${charter.slug}/documents`);
	await form.getByLabel('Fichier').setInputFiles({ name: 'trop-gros.pdf', mimeType: 'application/pdf', buffer: big() });
	await form.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(form.getByText(/Le fichier dépasse 20 Mo/)).toBeVisible({ timeout: 30_000 });
	await context.close();
});

test('a file over 20 MB is refused with that reason, not a broken page', async ({ page }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/documents`);
	const form = page.locator('form[action="?/uploadDocument"]');
	await form.getByLabel('Fichier').setInputFiles({ name: 'trop-gros.pdf', mimeType: 'application/pdf', buffer: big() });
	await form.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(form.getByText(/Le fichier dépasse 20 Mo/)).toBeVisible({ timeout: 30_000 });
	await expect(form.getByLabel('Fichier')).toBeFocused();
	expect(await sql("select 1 from public.documents where file_name = 'trop-gros.pdf'")).toHaveLength(0);
});

test('the action page, the minutes and the decisions register file and show their documents', async ({ page }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	const base = `/chartes/${charter.slug}`;

	// A slow connection: the upload shows its progress, in a <progress> and in words.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: 256 * 1024
	});
	await page.goto(`${base}/actions/${charter.actions['1.1']}`);
	const evidence = page.getByRole('region', { name: 'Pièces justificatives' });
	const uploadStatus = evidence.locator('form[action="?/uploadDocument"]').getByRole('status');
	await expect(evidence.getByText("Aucun document pour l'instant.")).toBeVisible();
	await evidence.getByLabel('Fichier').setInputFiles({
		name: 'convention.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.concat([pdf('action'), Buffer.alloc(1024 * 1024, 0x20)])
	});
	await evidence.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(evidence.getByRole('progressbar', { name: 'Envoi du fichier' })).toBeVisible();
	await expect(uploadStatus).toHaveText(/Envoi du fichier : \d+ %|Fichier envoyé/);
	await expect(documentRow(page, 'convention.pdf')).toContainText('Pièce justificative', { timeout: 30_000 });
	await expect(uploadStatus).toHaveText('Document déposé : « convention ».');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});
	await expectNoAxeViolations(page);

	await page.goto(`${base}/reunions/${meetingId}/compte-rendu`);
	const minutes = page.getByRole('region', { name: 'Documents de la réunion' });
	await minutes
		.getByLabel('Fichier')
		.setInputFiles({ name: 'supports.pdf', mimeType: 'application/pdf', buffer: pdf('copil') });
	await minutes.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(documentRow(page, 'supports.pdf')).toContainText('Compte rendu');
	await expectNoAxeViolations(page);

	await page.goto(`${base}/decisions`);
	await page.getByRole('link', { name: /Ajouter un document/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Documents de la décision/ })).toBeVisible();
	await page
		.getByLabel('Fichier')
		.setInputFiles({ name: 'convention-signee.pdf', mimeType: 'application/pdf', buffer: pdf('decision') });
	await page.getByRole('button', { name: 'Déposer le document' }).click();
	await expect(documentRow(page, 'convention-signee.pdf')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto(`${base}/decisions`);
	await expect(page.getByRole('link', { name: /^1 document/ })).toBeVisible();

	// Everything is on the charter's documents page, each with what it belongs to.
	await page.goto(`${base}/documents?rattachement=decisions`);
	await expect(page.getByTestId('document-row')).toHaveCount(1);
	await expect(documentRow(page, 'convention-signee.pdf')).toContainText(/Décision/);
});
