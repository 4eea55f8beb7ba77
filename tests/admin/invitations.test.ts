/**
 * Accepting invitations (public.accept_invitations, called by /auth/confirm and the password sign-in): the
 * pending invitations of the caller's address become memberships with their role, organization and
 * communes; withdrawn ones do not. Invitations are written by coordinators only.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { sql } from '../helpers/env.ts';
import { dropCharter, newCharter, newUser, signedIn } from './helpers.ts';

const created: string[] = [];
afterAll(async () => {
	for (const id of created) await dropCharter(id);
});

describe('invitations', () => {
	test('pending invitations become memberships; revoked ones do not', async () => {
		const coordinator = await newUser('coordination');
		const first = await newCharter(coordinator.client, coordinator.id, 'Invitations A');
		const second = await newCharter(coordinator.client, coordinator.id, 'Invitations B');
		created.push(first.id, second.id);
		const invitee = await newUser('invite');
		const [{ id: ordre }] = await sql<{ id: string }>(
			"select id from public.organizations where short_name = 'Ordre des médecins 87'"
		);

		const a = await coordinator.client.from('invitations').insert({
			charter_id: first.id,
			email: invitee.email.toUpperCase(),
			role: 'partner_rep',
			organization_id: ordre,
			invited_by: coordinator.id
		});
		expect(a.error).toBeNull();
		const b = await coordinator.client
			.from('invitations')
			.insert({
				charter_id: second.id,
				email: invitee.email,
				role: 'elected_official',
				commune_codes: ['87085'],
				invited_by: coordinator.id
			})
			.select('id')
			.single();
		await coordinator.client.from('invitations').update({ status: 'revoked' }).eq('id', b.data!.id);

		// Someone who does not coordinate cannot invite.
		const outsider = await newUser('intrus');
		const refused = await outsider.client
			.from('invitations')
			.insert({ charter_id: first.id, email: 'x@example.com', role: 'coordinator', invited_by: outsider.id });
		expect(refused.error?.code).toBe('42501');

		const { data, error } = await invitee.client.rpc('accept_invitations');
		expect(error).toBeNull();
		expect(data).toEqual([{ charter_id: first.id, role: 'partner_rep' }]);
		const members = await sql<{ charter_id: string; role: string; organization_id: string }>(
			'select charter_id, role, organization_id from public.charter_members where user_id = $1',
			[invitee.id]
		);
		expect(members).toEqual([{ charter_id: first.id, role: 'partner_rep', organization_id: ordre }]);
		// Accepting twice changes nothing.
		expect((await invitee.client.rpc('accept_invitations')).data).toEqual([]);
	});

	test('an elected official gets their communes', async () => {
		const coordinator = await newUser('coordination');
		const charter = await newCharter(coordinator.client, coordinator.id, 'Élus');
		created.push(charter.id);
		const official = await newUser('elu');
		await coordinator.client.from('invitations').insert({
			charter_id: charter.id,
			email: official.email,
			role: 'elected_official',
			commune_codes: ['87187', '87011'],
			invited_by: coordinator.id
		});
		const again = await signedIn(official.email);
		await again.rpc('accept_invitations');
		const communes = await sql<{ commune_code: string }>(
			'select commune_code from public.official_communes where charter_id = $1 and user_id = $2 order by 1',
			[charter.id, official.id]
		);
		expect(communes.map((c) => c.commune_code)).toEqual(['87011', '87187']);
	});
});
