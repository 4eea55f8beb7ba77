import { describe, expect, it } from 'vitest';
import { afterConfirm, confirmParams, confirmPurpose, linkFailed, nameChosen } from './confirm.ts';

const url = (query: string) => new URL(`http://app.test/auth/confirm?${query}`);

describe('the e-mail link landing page', () => {
	it('reads a token hash, its type and where to go', () => {
		expect(confirmParams(url('token_hash=pkce_ab12&type=invite&next=%2Fchartes%2Fhv'))).toEqual({
			token_hash: 'pkce_ab12',
			type: 'invite',
			next: '/chartes/hv'
		});
	});

	it('refuses links that are not ours: no hash, an unknown type, a hash with other characters', () => {
		expect(confirmParams(url('type=email'))).toBeNull();
		expect(confirmParams(url('token_hash=ab&type=sms'))).toBeNull();
		expect(confirmParams(url('token_hash=ab%27%3B&type=email'))).toBeNull();
		expect(confirmParams(url(`token_hash=${'a'.repeat(201)}&type=email`))).toBeNull();
	});

	it('sends invited people and password resets to the orientation page first, the others where they asked', () => {
		expect(afterConfirm('invite', '/chartes/hv')).toBe('/bienvenue?suivant=%2Fchartes%2Fhv');
		expect(afterConfirm('recovery', '/')).toBe('/bienvenue?suivant=%2F');
		expect(afterConfirm('email', '/mes-actions')).toBe('/mes-actions');
		expect(afterConfirm('magiclink', '/chartes/hv/actions/1')).toBe('/chartes/hv/actions/1');
	});

	it('sends someone who has not chosen a display name to the orientation page, whatever the link', () => {
		expect(afterConfirm('email', '/mes-actions', false)).toBe('/bienvenue?suivant=%2Fmes-actions');
		expect(nameChosen({ display_name: 'Sophie Durand' })).toBe(true);
		expect(nameChosen({ display_name: '  ' })).toBe(false);
		expect(nameChosen({ invited_to: 'hv' })).toBe(false);
		expect(nameChosen(undefined)).toBe(false);
	});

	it('sends a dead link back to the sign-in page, keeping where the person was going', () => {
		expect(linkFailed('/chartes/hv')).toBe('/connexion?erreur=lien&suivant=%2Fchartes%2Fhv');
	});

	it('names the purpose of each kind of link', () => {
		expect(confirmPurpose('invite')).toBe('invite');
		expect(confirmPurpose('email')).toBe('sign_in');
		expect(confirmPurpose('magiclink')).toBe('sign_in');
		expect(confirmPurpose('signup')).toBe('sign_in');
		expect(confirmPurpose('recovery')).toBe('recovery');
	});
});
