import { describe, expect, it } from 'vitest';
import { renderMail } from './render.ts';
import { renderContent } from './templates.ts';
import { unsubscribeKey } from './unsubscribe.ts';

/** A payload as private.internship_payload writes it. */
const confirmed = {
	event: 'confirmed',
	link_path: '/ma-commune',
	charter_title: 'Plan 2026',
	commune_name: 'Bellac',
	host_name: 'Maison de santé de Bellac',
	intern_first_name: 'Maëlle',
	profession: 'medecine',
	level: 'interne',
	specialty: 'Médecine générale',
	starts_on: '2027-01-04',
	ends_on: '2027-06-30',
	housing: 'logement_communal',
	housing_note: 'Studio'
};
const changed = {
	...confirmed,
	event: 'changed',
	previous: {
		starts_on: '2026-12-07',
		ends_on: '2027-05-31',
		housing_changed: true,
		housing: null,
		intern_corrected: true
	}
};

describe('the e-mails about placements', () => {
	it('are written in French by default, with the app’s labels and no point médian', () => {
		const mail = renderContent('internship_confirmed', confirmed, 'fr')!;
		expect(mail.subject).toBe('Arrivée en stage à Bellac le 04/01/2027');
		expect(mail.body).toContain('Une arrivée en stage est confirmée dans votre commune de Bellac.');
		expect(mail.body).toContain('Profession : Médecine, interne (Médecine générale)');
		expect(mail.body).toContain('Dates : du 04/01/2027 au 30/06/2027');
		expect(mail.body).toContain('Hébergement : Logement communal (Studio)');
		expect(mail.body).toContain('au titre de votre mandat à Bellac, pour « Plan 2026 »');
		expect(mail.subject + mail.body).not.toContain('·');
	});

	it('are written in English for an English-speaking recipient', () => {
		const mail = renderContent('internship_changed', changed, 'en')!;
		expect(mail.subject).toBe('Internship changed in Bellac: arrival on 04/01/2027');
		expect(mail.body).toContain('Profession: Medicine, intern (Médecine générale)');
		expect(mail.body).toContain('Housing: Municipal housing (Studio)');
		expect(mail.body).toContain('What changed:\n- Dates: previously from 07/12/2026 to 31/05/2027');
		expect(mail.body).toContain('- Housing: previously not specified\n- Intern or profession corrected');
		expect(mail.body).not.toMatch(/Bonjour|Prénom|Hébergement/);
	});

	it('write the weekly digests from their data, in either language', () => {
		const official = {
			charter_title: 'Plan 2026',
			until: '2027-01-31',
			arrivals: [
				{
					starts_on: '2027-01-10',
					intern_first_name: 'Anouk',
					profession: 'medecine',
					level: 'interne',
					host_name: 'MSP',
					commune_name: 'Bellac',
					housing: null
				}
			]
		};
		expect(renderContent('digest_official', official, 'fr')).toEqual({
			subject: 'Vos communes : 1 arrivée de stagiaire dans les quatre semaines à venir',
			body: [
				'Bonjour,',
				"Voici les arrivées de stagiaires prévues dans vos communes d'ici le 31/01/2027, pour « Plan 2026 » :",
				'- 10/01/2027 : Anouk, Médecine (interne), accueil : MSP à Bellac ; hébergement : non précisé',
				'Vous recevez ce récapitulatif chaque semaine au titre de votre mandat municipal.'
			].join('\n\n')
		});
		const steering = {
			charter_title: 'Plan 2026',
			update_count: 1,
			value_count: 2,
			updates: [
				{ code: '1.1', title: 'Accueil', status: 'in_progress', progress: 40, health: 'at_risk', on: '2026-11-20' }
			]
		};
		const en = renderContent('digest_steering', steering, 'en')!;
		expect(en.subject).toBe('Plan 2026: what changed this week');
		expect(en.body).toContain(
			'1 action update:\n- 1.1 Accueil: In progress, 40%, at risk (20/11/2026)\n\n2 new indicator values entered.'
		);
		const partner = {
			charter_title: 'Plan 2026',
			charter_short_title: 'P26',
			organization_name: 'ARS',
			actions: [
				{ code: '1.1', title: 'Accueil', reason: 'overdue', on: '2026-11-01' },
				{ code: '1.2', title: 'Bus', reason: 'never' }
			]
		};
		const fr = renderContent('digest_partner', partner, 'fr')!;
		expect(fr.subject).toBe('Vos actions : 2 actions à mettre à jour (P26)');
		expect(fr.body).toContain('- 1.1 Accueil : échéance dépassée (01/11/2026)\n- 1.2 Bus : jamais mise à jour');
		for (const mail of [renderContent('digest_official', official, 'fr')!, en, fr])
			expect(mail.subject + mail.body).not.toContain('·');
	});

	it('link each action of the partner digest to its update form, the lead organization’s actions first', () => {
		const id = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;
		const partner = {
			charter_title: 'Plan 2026',
			charter_slug: 'plan-2026',
			charter_short_title: 'P26',
			organization_name: 'Faculté',
			actions: [
				{ id: id(1), code: '1.1', title: 'Accueil', leads: true, reason: 'overdue', on: '2026-11-01' },
				{ id: id(2), code: '2.2', title: 'Stages', leads: false, lead_name: 'ARS', reason: 'never' }
			]
		};
		const fr = renderContent('digest_partner', partner, 'fr')!;
		expect(fr.body).toContain(
			"Faculté pilote ces actions : c'est à vous d'en donner l'état (statut, avancement, commentaire).\n- 1.1 Accueil : échéance dépassée (01/11/2026)"
		);
		expect(fr.body).toContain('Faculté contribue à ces actions, pilotées par une autre organisation');
		expect(fr.body).toContain('- 2.2 Stages (pilote : ARS) : jamais mise à jour');
		expect(fr.body.indexOf('1.1 Accueil')).toBeLessThan(fr.body.indexOf('2.2 Stages'));
		expect(fr.links).toEqual([
			{
				after: '- 1.1 Accueil : échéance dépassée (01/11/2026)',
				label: "Mettre à jour l'action 1.1",
				path: `/chartes/plan-2026/actions/${id(1)}?formulaire=mise-a-jour#mise-a-jour`
			},
			{
				after: '- 2.2 Stages (pilote : ARS) : jamais mise à jour',
				label: "Mettre à jour l'action 2.2",
				path: `/chartes/plan-2026/actions/${id(2)}?formulaire=mise-a-jour#mise-a-jour`
			}
		]);
		const row = {
			id: '11111111-2222-4333-8444-555555555555',
			kind: 'digest_partner',
			recipient_email: 'fac@example.org',
			recipient_user_id: '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60',
			topic: 'digest_partner',
			subject: '',
			body_text: '',
			body_html: null,
			payload: partner
		};
		const mail = renderMail(row, {
			siteUrl: 'https://charte.example.org',
			mailFrom: 'x@example.org',
			unsubscribeKey: unsubscribeKey('s', 'k')
		});
		const url = `https://charte.example.org/chartes/plan-2026/actions/${id(1)}?formulaire=mise-a-jour#mise-a-jour`;
		expect(mail.text).toContain(
			`- 1.1 Accueil : échéance dépassée (01/11/2026)\n  Mettre à jour l'action 1.1 : ${url}`
		);
		expect(mail.html).toContain(`<a href="${url}" style="`);
		expect(mail.html).toContain('>Mettre à jour l&#39;action 1.1</a>');
		expect(mail.record.body).toContain(url);
		// A path that is not an action's update form, or a slug that is not one, is not linked.
		const forged = { ...partner, charter_slug: 'x/../../evil', actions: [{ ...partner.actions[0] }] };
		expect(renderContent('digest_partner', forged, 'fr')!.links).toEqual([]);
		const evil = renderMail(
			{ ...row, payload: forged },
			{ siteUrl: 'https://charte.example.org', mailFrom: 'x@example.org', unsubscribeKey: unsubscribeKey('s', 'k') }
		);
		expect(evil.html).not.toContain('evil');
	});

	it('leave unknown kinds and erased messages to the text of their row', () => {
		expect(renderContent('x_y_z', { week: '2026-W48' }, 'en')).toBeNull();
		expect(renderContent('internship_confirmed', { ...confirmed, erased: true }, 'fr')).toBeNull();
		expect(renderContent('digest_official', { erased: true }, 'fr')).toBeNull();
	});

	it('keep the footer, the language of the HTML and the record for the outbox in the same language', () => {
		const row = {
			id: '11111111-2222-4333-8444-555555555555',
			kind: 'internship_confirmed',
			recipient_email: 'mayor@example.org',
			recipient_user_id: '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60',
			topic: 'internship_events',
			subject: '',
			body_text: '',
			body_html: null,
			payload: confirmed
		};
		const options = {
			siteUrl: 'https://charte.example.org',
			mailFrom: 'x@example.org',
			unsubscribeKey: unsubscribeKey('s', 'k')
		};
		const mail = renderMail(row, { ...options, locale: 'en' });
		expect(mail.subject).toBe('Intern arriving in Bellac on 04/01/2027');
		expect(mail.text).toContain('See it on the dashboard: https://charte.example.org/ma-commune');
		expect(mail.text).toMatch(
			/To stop receiving arrivals, changes and cancellations of internships in your communes, unsubscribe in one click: https:\/\/charte\.example\.org\/desabonnement\?t=/
		);
		expect(mail.html).toContain('<html lang="en">');
		expect(mail.record.subject).toBe(mail.subject);
		expect(mail.record.body).not.toContain('desabonnement');
		expect(renderMail(row, options).subject).toBe('Arrivée en stage à Bellac le 04/01/2027');
	});
});
