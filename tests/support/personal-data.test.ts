/**
 * A requester's personal data (RGPD): kept a configurable time after the request is closed, then erased by the
 * retention job, keeping the anonymous row; erased on request by a coordinator; exported on request (right of
 * access) with everything held on that person and nothing on anyone else. Through supabase-js as the job
 * (service role) and the coordinator do it; rows checked as the superuser. The export includes the aids granted on
 * the request.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient } from '../helpers/env.ts';
import { DEMO, ids, signInAs, superuserPool, tag } from '../helpers/demo.ts';

const T = tag('rgpd');
const su = superuserPool();
const VAUCLUSE = ids.charter('vaucluse');
const HV = ids.charter('haute-vienne');
const MAIRIE = ids.organization('mairie-carpentras');
let coordinator: SupabaseClient;
const created: string[] = [];
const schemes: string[] = [];

interface Person {
	first: string;
	last: string;
	email: string;
	phone: string;
}
const person = (label: string): Person => ({
	first: `Prénom-${label}`,
	last: `Nom-${label}-${T}`,
	email: `${label}.${T}@example.com`,
	phone: '06 12 34 56 78'
});

/** A request as the superuser; `closedAt` closes it (installed) at that instant. */
async function request(p: Person, options: { charter?: string; closedAt?: string } = {}): Promise<string> {
	const id = randomUUID();
	created.push(id);
	const closed = options.closedAt !== undefined;
	await su.query(
		`insert into public.support_requests (id, charter_id, requester_first_name, requester_last_name, requester_email,
		   requester_phone, profession, stage, project, needs, channel, status, installed_on, installed_commune_code,
		   installed_mode, closed_at)
		 values ($1, $2, $3, $4, $5, $6, 'medecine', 'interne', $7, '{logement}', 'phone', $8, $9, $10, $11, $12)`,
		[
			id,
			options.charter ?? VAUCLUSE,
			p.first,
			p.last,
			p.email,
			p.phone,
			`Projet de ${p.first}`,
			closed ? 'installed' : 'in_progress',
			closed ? '2024-06-01' : null,
			closed ? '84031' : null,
			closed ? 'liberal' : null,
			options.closedAt ?? null
		]
	);
	return id;
}
const personal = (id: string) =>
	su.one<{ first: string | null; email: string | null; project: string | null; erased: boolean }>(
		`select requester_first_name as first, requester_email as email, project, erased_at is not null as erased
		 from public.support_requests where id = $1`,
		[id]
	);

beforeAll(async () => {
	coordinator = await signInAs(DEMO.coordVaucluse);
});
afterAll(async () => {
	await su.query('delete from public.notifications where support_request_id = any($1)', [created]);
	await su.query('delete from public.aid_grants where scheme_id = any($1)', [schemes]);
	await su.query('delete from public.aid_schemes where id = any($1)', [schemes]);
	await su.query('delete from public.support_requests where id = any($1)', [created]);
	await su.end();
});

describe('retention after closure', () => {
	// Kept for 24 whole months after the day it was closed (Paris), erased from the next day on.
	it('erases what was closed more than 24 months before today, keeps the day of the limit and open requests', async () => {
		const due = await request(person('due'), { closedAt: '2024-11-30T12:00:00+01:00' });
		const limit = await request(person('limit'), { closedAt: '2024-12-01T12:00:00+01:00' });
		// 23:30 in Paris on 30 November is still the 30th there, though 1 December had begun nowhere: due too.
		const lateEvening = await request(person('evening'), { closedAt: '2024-11-30T23:30:00+01:00' });
		const open = await request(person('open'));
		const other = await request(person('other'), { charter: HV, closedAt: '2020-01-01T12:00:00+01:00' });
		await su.query(
			`insert into public.support_request_events (request_id, charter_id, body) values ($1, $2, 'Appel de suivi')`,
			[due, VAUCLUSE]
		);

		const { data, error } = await serviceClient().rpc('erase_expired_support_data', {
			p_months: 24,
			p_today: '2026-12-01',
			p_charter_id: VAUCLUSE
		});
		expect(error).toBeNull();
		expect(data).toBeGreaterThanOrEqual(2);
		expect(await personal(due)).toEqual({ first: null, email: null, project: null, erased: true });
		expect((await personal(lateEvening)).erased).toBe(true);
		expect((await personal(limit)).erased).toBe(false);
		expect((await personal(open)).erased).toBe(false);
		expect((await personal(other)).erased, 'another charter, not asked for').toBe(false);
		// the anonymous row stays for the statistics, and the journal keeps its dates but not its words
		const kept = await su.one<{ status: string; needs: string[]; installed_commune_code: string }>(
			'select status, needs::text[] as needs, installed_commune_code from public.support_requests where id = $1',
			[due]
		);
		expect(kept).toEqual({ status: 'installed', needs: ['logement'], installed_commune_code: '84031' });
		const journal = await su.query<{ body: string | null }>(
			'select body from public.support_request_events where request_id = $1',
			[due]
		);
		expect(journal).toEqual([{ body: null }]);

		// the next day, the limit's request goes too; running again erases nothing more
		await serviceClient().rpc('erase_expired_support_data', {
			p_months: 24,
			p_today: '2026-12-02',
			p_charter_id: VAUCLUSE
		});
		expect((await personal(limit)).erased).toBe(true);
		const again = await serviceClient().rpc('erase_expired_support_data', {
			p_months: 24,
			p_today: '2026-12-02',
			p_charter_id: VAUCLUSE
		});
		expect(again.data).toBe(0);
	});

	it('refuses a retention outside 1 to 120 months, and is the service role’s only', async () => {
		const { error } = await serviceClient().rpc('erase_expired_support_data', { p_months: 0 });
		expect(error?.code).toBe('PT400');
		const asCoordinator = await coordinator.rpc('erase_expired_support_data', { p_months: 24 });
		expect(asCoordinator.error?.code).toBe('42501');
	});
});

describe('erasure and access on request', () => {
	it('exports everything held on the person and nothing on anyone else', async () => {
		const me = person('moi');
		const someoneElse = person('autre');
		const first = await request(me);
		const second = await request(me, { closedAt: '2026-06-01T10:00:00+02:00' });
		const theirs = await request(someoneElse);
		const elsewhere = await request(me, { charter: HV });
		await su.query(
			`insert into public.support_request_communes (request_id, charter_id, commune_code) values ($1, $2, '84031')`,
			[first, VAUCLUSE]
		);
		await su.query(
			`insert into public.referrals (request_id, charter_id, organization_id, need, note) values ($1, $2, $3, 'logement', 'Logement à Carpentras')`,
			[first, VAUCLUSE, MAIRIE]
		);
		await su.query(
			`insert into public.support_request_events (request_id, charter_id, body) values ($1, $2, 'Rappelée le mardi'), ($3, $2, $4)`,
			[first, VAUCLUSE, theirs, `Note sur ${someoneElse.last}`]
		);
		await su.query(
			`insert into public.notifications (kind, recipient_email, charter_id, subject, body_text, dedupe_key, support_request_id)
			 values ('support_acknowledgement', $1, $2, 'Votre demande', 'Accusé de réception', $3, $4)`,
			[me.email, VAUCLUSE, `test:${T}:ack`, first]
		);

		const [scheme] = await su.query<{ id: string }>(
			`insert into public.aid_schemes (charter_id, name, kind, commitment_years) values ($1, $2, 'installation', 5) returning id`,
			[VAUCLUSE, `Aide ${T}`]
		);
		schemes.push(scheme.id);
		await su.query(
			`insert into public.aid_grants (charter_id, scheme_id, request_id, beneficiary_name, amount, decided_on)
			 values ($1, $2, $3, $4, 12345, '2026-06-01')`,
			[VAUCLUSE, scheme.id, first, `${me.first} ${me.last}`]
		);
		const { data, error } = await coordinator.rpc('support_request_export', { p_request_id: first });
		expect(error).toBeNull();
		const text = JSON.stringify(data);
		const exported = data as { requests: { reference: string; email: string }[] };
		expect(exported.requests).toHaveLength(2);
		for (const value of [
			me.first,
			me.last,
			me.email,
			me.phone,
			`Projet de ${me.first}`,
			'Carpentras',
			'Logement à Carpentras',
			'Rappelée le mardi',
			'Votre demande'
		])
			expect(text, value).toContain(value);
		for (const value of [someoneElse.first, someoneElse.last, someoneElse.email])
			expect(text, value).not.toContain(value);
		// the other charter's request is not this charter's to give
		const refs = await su.query<{ reference: string; id: string }>(
			'select id, reference from public.support_requests where id = any($1)',
			[[first, second, elsewhere]]
		);
		expect(exported.requests.map((r) => r.reference).sort()).toEqual(
			refs
				.filter((r) => r.id !== elsewhere)
				.map((r) => r.reference)
				.sort()
		);
	});

	it('erases one person on request: the row, the journal’s words and the e-mails that named them', async () => {
		const me = person('effacer');
		const id = await request(me);
		await su.query(
			`insert into public.support_request_events (request_id, charter_id, body) values ($1, $2, 'Rappelée')`,
			[id, VAUCLUSE]
		);
		await su.query(
			`insert into public.notifications (kind, recipient_email, charter_id, subject, body_text, dedupe_key, support_request_id, payload)
			 values ('support_acknowledgement', $1, $2, 'Votre demande', $3, $4, $5, $6)`,
			[me.email, VAUCLUSE, `Bonjour ${me.first}`, `test:${T}:erase`, id, { first_name: me.first }]
		);
		const { error } = await coordinator.rpc('erase_support_request', { p_request_id: id });
		expect(error).toBeNull();
		expect(await personal(id)).toEqual({ first: null, email: null, project: null, erased: true });
		const mails = await su.query<{ text: string }>(
			`select concat_ws(' ', recipient_email, subject, body_text, payload::text, status) as text from public.notifications where support_request_id = $1`,
			[id]
		);
		expect(mails).toHaveLength(1);
		expect(mails[0].text).not.toContain(me.first);
		expect(mails[0].text).not.toContain(me.email);
		expect(mails[0].text).toContain('cancelled');
		// an erased person cannot be typed in again
		const refill = await coordinator.from('support_requests').update({ requester_first_name: me.first }).eq('id', id);
		expect(refill.error?.code).toBe('PT409');
		const export_ = await coordinator.rpc('support_request_export', { p_request_id: id });
		expect(JSON.stringify(export_.data)).not.toContain(me.first);
	});
});
