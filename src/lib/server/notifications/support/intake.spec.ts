import { describe, expect, it } from 'vitest';
import { renderMail } from '../render.ts';

const base = {
	id: '6b3f2f8e-1111-4a3b-9c1d-2e3f4a5b6c7d',
	recipient_email: 'lea.martin@example.net',
	subject: '',
	body_text: '',
	body_html: null
};
const options = {
	siteUrl: 'https://chartes.example.org',
	mailFrom: 'Chartes <no-reply@example.org>',
	unsubscribeKey: Buffer.alloc(32)
};
const ack = {
	...base,
	kind: 'support_acknowledgement',
	recipient_user_id: null,
	topic: null,
	payload: {
		reference: '2026-0042',
		charter_title: 'Charte <test>',
		first_name: 'Léa',
		needs: ['logement', 'garde_enfants', 'inconnu'],
		locale: 'en',
		link_path: '/public/charte-test'
	}
};

describe('the e-mails of a request coming in', () => {
	it('acknowledges in French with the reference and needs, with no unsubscribe nor preferences link', () => {
		const mail = renderMail(ack, { ...options, locale: 'fr' });
		expect(mail.subject).toBe("Votre demande d'accompagnement 2026-0042 est bien reçue");
		expect(mail.text).toContain('Bonjour Léa,');
		expect(mail.text).toContain("- Logement\n- Garde d'enfants\n");
		expect(mail.text).not.toContain('inconnu');
		expect(mail.text).not.toMatch(/désabonnez|préférences/);
		expect(mail.headers['List-Unsubscribe']).toBeUndefined();
		expect(mail.text).toContain('Voir la page de la charte : https://chartes.example.org/public/charte-test');
		expect(mail.text).not.toContain('tableau de bord');
		expect(mail.html).toContain('Charte &lt;test&gt;');
	});

	it('acknowledges in English', () => {
		const mail = renderMail(ack, { ...options, locale: 'en' });
		expect(mail.subject).toBe('Your support request 2026-0042 has been received');
		expect(mail.text).toContain('Hello Léa,');
		expect(mail.text).toContain('- Housing');
	});

	it('tells a coordinator what the request is about, links to it, and lets them unsubscribe', () => {
		const mail = renderMail(
			{
				...base,
				kind: 'support_request_received',
				recipient_user_id: '2b3c4d5e-6f70-4a81-92a3-b4c5d6e7f809',
				topic: 'support_requests',
				payload: {
					reference: '2026-0042',
					charter_title: 'Charte test',
					first_name: 'Léa',
					profession: 'medecine',
					stage: 'interne',
					needs: ['locaux'],
					communes: ['Marmande'],
					wished_on: '2027-09-01',
					link_path: '/chartes/charte-test/demandes/2026-0042'
				}
			},
			{ ...options, locale: 'fr' }
		);
		expect(mail.subject).toBe("Nouvelle demande d'accompagnement 2026-0042 : Médecine");
		expect(mail.text).toContain('Communes envisagées : Marmande');
		expect(mail.text).toContain('Installation souhaitée : 01/09/2027');
		expect(mail.text).toContain('https://chartes.example.org/chartes/charte-test/demandes/2026-0042');
		expect(mail.headers['List-Unsubscribe']).toContain('/desabonnement?t=');
	});
});
