import { describe, expect, it } from 'vitest';
import { renderInvitationMail, type InvitationMail } from './invitation-mail.ts';

const base: InvitationMail = {
	charter: 'Plan Haute-Vienne',
	role: 'partner_rep',
	organization: 'CPAM de la Haute-Vienne',
	inviter: 'Claire Martin (ARS Nouvelle-Aquitaine)',
	link: 'https://app.example.org/auth/confirm?token_hash=abc&type=invite&next=%2Fchartes%2Fhv',
	code: '123456',
	signInUrl: 'https://app.example.org/connexion',
	validityMinutes: 60,
	locale: 'fr'
};

describe('the invitation e-mail', () => {
	it('names who invites, the charter, the role, the organization, and what the role does', () => {
		const { subject, text } = renderInvitationMail(base);
		expect(subject).toBe('Invitation à rejoindre « Plan Haute-Vienne »');
		expect(text).toContain(
			'Claire Martin (ARS Nouvelle-Aquitaine) vous invite à rejoindre la charte « Plan Haute-Vienne »'
		);
		expect(text).toContain(', pour CPAM de la Haute-Vienne.');
		expect(text).toContain('Vous représentez CPAM de la Haute-Vienne');
		expect(text).toContain(`Rejoindre la charte : ${base.link}`);
	});

	it('states the validity the auth server gives the link and the code, and what to do after', () => {
		expect(renderInvitationMail(base).text).toContain('Ce lien et ce code sont valables une heure');
		expect(renderInvitationMail({ ...base, validityMinutes: 1440 }).text).toContain('valables 24 heures');
		expect(renderInvitationMail({ ...base, validityMinutes: 30 }).text).toContain('valables 30 minutes');
		expect(renderInvitationMail(base).text).toContain('votre invitation reste en attente');
		expect(renderInvitationMail(base).text).toContain(
			'saisir ce code sur la page de connexion (https://app.example.org/connexion) : 123456'
		);
	});

	it('speaks English to someone whose account is in English', () => {
		const { subject, text } = renderInvitationMail({ ...base, locale: 'en' });
		expect(subject).toBe('Invitation to join “Plan Haute-Vienne”');
		expect(text).toContain('valid for one hour');
		expect(text).toContain(`Join the charter: ${base.link}`);
	});

	it('never turns typed addresses into links, and escapes the HTML', () => {
		const { text, html } = renderInvitationMail({
			...base,
			charter: 'Voir https://evil.example/x <b>',
			inviter: null,
			role: 'steering',
			organization: null
		});
		expect(text).toContain('hxxps[:]//evil[.]example/x');
		expect(text).toContain('La coordination de la charte vous invite');
		expect(html).not.toContain('<b>');
		expect(html).toContain('&lt;b&gt;');
		expect(html.match(/href="([^"]+)"/g)).toEqual([`href="${base.link.replace(/&/g, '&amp;')}"`]);
	});
});
