/**
 * Planning a meeting with the keyboard alone (issue 15, item 1): a coordinator opens the charter's meetings,
 * plans a COPIL on 30/03/2027 at 14:00 (summer time in Paris), keeps the default attendees but adds the elected
 * official and a guest, and lands on the meeting's page; the invitations are in the outbox, one per attendee.
 * Then the presence of a partner representative is recorded and shown. Axe finds nothing on the three pages.
 */
import { expect, test } from '@playwright/test';
import { sql } from '../helpers/env.ts';
import { createCharter, forgePost, freshUser, signInAs, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { expectNoAxeViolations, tabTo } from './helpers.ts';

let charter: TestCharter;
let coordinator: { id: string; email: string };
let rep: { id: string; email: string };
let official: { id: string; email: string };

test.beforeAll(async () => {
	coordinator = await freshUser('coord-reunion', 'Camille Coordination');
	rep = await freshUser('rep-reunion', 'Dominique Ordre');
	official = await freshUser('elu-reunion', 'Alix Élu');
	charter = await createCharter({
		title: 'Charte réunions',
		coordinatorId: coordinator.id,
		partners: ['Ordre des médecins 87', 'ARS Nouvelle-Aquitaine'],
		members: [
			{ userId: rep.id, role: 'partner_rep', organization: 'Ordre des médecins 87' },
			{ userId: official.id, role: 'elected_official' }
		]
	});
});

test.afterAll(async () => {
	await sql('delete from public.notifications where charter_id = $1', [charter.id]);
	await charter.drop();
	await sql('delete from auth.users where id = any($1)', [[coordinator.id, rep.id, official.id]]);
});

test('a coordinator plans a meeting with the keyboard only, and records presence', async ({ page }) => {
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/reunions`);
	await expect(page.getByRole('heading', { level: 1, name: 'Réunions' })).toBeVisible();
	await expect(page.getByText('Aucune réunion planifiée.')).toBeVisible();
	await expectNoAxeViolations(page);

	await tabTo(page, page.getByRole('link', { name: 'Planifier une réunion' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/reunions\/nouvelle$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Planifier une réunion' })).toBeVisible();
	await expectNoAxeViolations(page);

	// By default: the coordination and the partner representatives are checked, the elected official is not.
	await expect(page.getByRole('checkbox', { name: 'Camille Coordination' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Dominique Ordre' })).toBeChecked();
	const officialBox = page.getByRole('checkbox', { name: 'Alix Élu' });
	await expect(officialBox).not.toBeChecked();

	const title = `COPIL clavier ${charter.slug}`;
	await tabTo(page, page.getByLabel('Intitulé'));
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(title);
	// Headless Chromium lays date inputs out as mm/dd/yyyy whatever the page's language: digits in that order.
	const date = page.getByLabel('Date', { exact: true });
	await tabTo(page, date);
	await page.keyboard.type('03302027');
	await expect(date).toHaveValue('2027-03-30');
	await tabTo(page, page.getByLabel('Heure de début'));
	await page.keyboard.type('1400');
	await expect(page.getByLabel('Heure de début')).toHaveValue('14:00');
	await tabTo(page, page.getByLabel('Lieu'));
	await page.keyboard.type('Salle du conseil départemental');
	await tabTo(page, officialBox);
	await page.keyboard.press('Space');
	await expect(officialBox).toBeChecked();
	await tabTo(page, page.locator('#guest-org-0'));
	await page.keyboard.type('ARS');
	await tabTo(page, page.locator('#guest-name-0'));
	await page.keyboard.type('Sacha Invité');
	await page.keyboard.press('Tab');
	await page.keyboard.type(`sacha.${charter.slug}@example.net`);
	await tabTo(page, page.getByRole('button', { name: 'Planifier et envoyer les invitations' }));
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL(/\/reunions\/[0-9a-f-]{36}\?planifiee=1$/);
	await expect(page.getByText('Réunion planifiée : les invitations partent par e-mail.')).toBeVisible();
	const meetingId = /\/reunions\/([0-9a-f-]{36})/.exec(page.url())![1];
	const [meeting] = await sql<{ starts_at: Date; place: string }>(
		'select starts_at, place from public.meetings where id = $1',
		[meetingId]
	);
	// 30/03/2027 at 14:00 in Paris is 12:00 UTC (summer time).
	expect(meeting.starts_at.toISOString()).toBe('2027-03-30T12:00:00.000Z');
	expect(meeting.place).toBe('Salle du conseil départemental');
	const invitations = await sql<{ recipient_email: string }>(
		`select recipient_email from public.notifications where meeting_id = $1 and kind = 'meeting_invitation' order by 1`,
		[meetingId]
	);
	expect(invitations.map((r) => r.recipient_email)).toEqual(
		[coordinator.email, rep.email, official.email, `sacha.${charter.slug}@example.net`].sort()
	);
	await expect(page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Presence: the representative's radio group, moved with the arrow keys, saved with Enter.
	const invited = page.getByRole('radio', { name: 'Invité' }).and(page.locator(`[name^="presence-"]`));
	const group = page.getByRole('group', { name: 'Présence de Dominique Ordre' });
	await tabTo(page, group.getByRole('radio', { name: 'Invité' }));
	await page.keyboard.press('ArrowRight');
	await expect(group.getByRole('radio', { name: 'Présent' })).toBeChecked();
	await tabTo(page, page.getByRole('button', { name: 'Enregistrer les présences' }));
	await page.keyboard.press('Enter');
	await expect(page.getByText('Présences enregistrées.')).toBeVisible();
	await page.reload();
	await expect(
		page.getByRole('group', { name: 'Présence de Dominique Ordre' }).getByRole('radio', { name: 'Présent' })
	).toBeChecked();
	expect(await invited.count()).toBeGreaterThan(0);
	const [presence] = await sql<{ presence: string }>(
		'select presence from public.meeting_attendees where meeting_id = $1 and user_id = $2',
		[meetingId, rep.id]
	);
	expect(presence.presence).toBe('present');
	const [{ id: repAttendee }] = await sql<{ id: string }>(
		'select id from public.meeting_attendees where meeting_id = $1 and user_id = $2',
		[meetingId, rep.id]
	);

	// The calendar file of the page: the same instant.
	const ics = await page.request.get(`/chartes/${charter.slug}/reunions/${meetingId}/invitation.ics`);
	expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
	expect(await ics.text()).toContain('DTSTART:20270330T120000Z');

	// Moving the meeting says the update goes out, and writes one update per attendee.
	const edit = page.locator('form[action="?/modifier"]');
	await edit.getByLabel('Heure de début').fill('15:30');
	await edit.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Réunion enregistrée : la mise à jour part par e-mail')).toBeVisible();
	const updates = await sql<{ n: number }>(
		`select count(*)::int as n from public.notifications where meeting_id = $1 and kind = 'meeting_update'`,
		[meetingId]
	);
	expect(updates[0].n).toBe(4);
	// An impossible time is refused next to its field.
	await edit.getByLabel('Date', { exact: true }).fill('2027-03-28');
	await edit.getByLabel('Heure de début').fill('02:30');
	await edit.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(edit.getByText("Cette heure n'existe pas ce jour-là")).toBeVisible();
	await page.reload();

	// The representative reads it, without the forms.
	await page.context().clearCookies();
	await signInAs(page, rep.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/reunions/${meetingId}`);
	await expect(page.locator('[data-presence="present"]')).toHaveText('Présent');
	await expect(page.getByRole('button', { name: 'Enregistrer les présences' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Annuler la réunion' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' })).toBeVisible();
	// … and cannot record presence by posting the form anyway.
	const forged = await forgePost(page, `/chartes/${charter.slug}/reunions/${meetingId}?/presences`, {
		[`presence-${repAttendee}`]: 'absent'
	});
	expect(forged.status).toBe(403);
	const [still] = await sql<{ presence: string }>(
		'select presence from public.meeting_attendees where meeting_id = $1 and user_id = $2',
		[meetingId, rep.id]
	);
	expect(still.presence).toBe('present');
});

test('a coordinator cancels a meeting after confirming, and every attendee gets the cancellation', async ({ page }) => {
	const [{ id }] = await sql<{ id: string }>(
		`insert into public.meetings (charter_id, kind, title, starts_at, place) values ($1, 'comite_technique', 'Comité à annuler', '2027-05-04T08:00:00Z', 'Limoges') returning id`,
		[charter.id]
	);
	await sql(
		`insert into public.meeting_attendees (meeting_id, charter_id, user_id) values ($1, $2, $3), ($1, $2, $4)`,
		[id, charter.id, coordinator.id, rep.id]
	);
	await signInAs(page, coordinator.email, TEST_PASSWORD);
	await page.goto(`/chartes/${charter.slug}/reunions/${id}`);
	// Invite a guest, remove the representative: each gets their own e-mail.
	const guestEmail = `invite.${charter.slug}@example.net`;
	const addGuest = page.locator('form[action="?/inviterInvite"]');
	await addGuest.getByLabel('Organisation').selectOption({ label: 'ARS Nouvelle-Aquitaine' });
	await addGuest.getByLabel('Nom').fill('Noa Invité');
	await addGuest.getByLabel('Adresse e-mail').fill(guestEmail);
	await addGuest.getByRole('button', { name: 'Inviter' }).click();
	await expect(page.getByText('Invitation envoyée à Noa Invité par e-mail.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Noa Invité/ })).toBeVisible();
	await page.getByRole('button', { name: 'Retirer Dominique Ordre' }).click();
	await expect(page.getByText("L'invitation de Dominique Ordre est retirée")).toBeVisible();
	await expect(page.getByRole('row', { name: /Dominique Ordre/ })).toHaveCount(0);

	await page.getByRole('button', { name: 'Annuler la réunion' }).click();
	await expect(page.getByRole('heading', { name: 'Annuler cette réunion ?' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Oui, annuler la réunion' }).click();
	await expect(page.getByText('Réunion annulée : les personnes invitées sont prévenues.')).toBeVisible();
	const cancelled = await sql<{ recipient_email: string }>(
		`select recipient_email from public.notifications where meeting_id = $1 and kind = 'meeting_cancelled' order by 1`,
		[id]
	);
	// The representative had theirs when removed; the others now.
	expect(cancelled.map((r) => r.recipient_email)).toEqual([coordinator.email, guestEmail, rep.email].sort());
	const invitations = await sql<{ recipient_email: string }>(
		`select recipient_email from public.notifications where meeting_id = $1 and kind = 'meeting_invitation'`,
		[id]
	);
	// The two invited when the meeting was written, the guest from the form.
	expect(invitations.map((r) => r.recipient_email).sort()).toEqual([coordinator.email, guestEmail, rep.email].sort());
	await page.goto(`/chartes/${charter.slug}/reunions`);
	await expect(page.getByRole('row', { name: /Comité à annuler/ })).toContainText('Annulée');
});
