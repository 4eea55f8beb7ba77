import { describe, expect, it } from 'vitest';
import { renderContent } from './notifications/templates.ts';
import { isOverdue, pageNumber, sortReferred, type ReferredRow } from './support-referrals.ts';
import { parseListFilters, referralCounts } from './support-requests.ts';
import { statusSchema } from './support-routing-schemas.ts';
import { statusUpdate } from './support-routing.ts';

const row = (over: Partial<ReferredRow>): ReferredRow =>
	({
		referral_id: 'r',
		referral_status: 'sent',
		request_status: 'in_progress',
		due_on: '2026-12-10',
		...over
	}) as ReferredRow;

describe('the requests list', () => {
	it('reads its filters from the query, ignoring unknown values', () => {
		expect(parseListFilters(new URLSearchParams('statut=installed&besoin=logement'))).toEqual({
			status: 'installed',
			need: 'logement'
		});
		expect(parseListFilters(new URLSearchParams('statut=drop&besoin='))).toEqual({ status: null, need: null });
	});

	it('counts open and overdue referrals (answered ones are neither)', () => {
		const counts = referralCounts(
			[
				{ status: 'sent', due_on: '2026-11-30' },
				{ status: 'accepted', due_on: '2026-12-05' },
				{ status: 'done', due_on: '2026-11-01' },
				{ status: 'sent', due_on: null }
			],
			'2026-12-01'
		);
		expect(counts).toEqual({ open: 3, overdue: 1 });
	});
});

describe("the partner's list", () => {
	it('puts overdue referrals first, the oldest due date first, and keeps the rest in order', () => {
		const rows = [
			row({ referral_id: 'later', due_on: '2026-12-20' }),
			row({ referral_id: 'late2', due_on: '2026-11-28' }),
			row({ referral_id: 'done', referral_status: 'done', due_on: '2026-11-01' }),
			row({ referral_id: 'late1', due_on: '2026-11-20', referral_status: 'accepted' }),
			row({ referral_id: 'closed', due_on: '2026-11-01', request_status: 'installed' })
		];
		const sorted = sortReferred(rows, '2026-12-01');
		expect(sorted.map((r) => [r.referral_id, r.overdue])).toEqual([
			['late1', true],
			['late2', true],
			['later', false],
			['done', false],
			['closed', false]
		]);
		expect(isOverdue(row({ due_on: '2026-12-01' }), '2026-12-01'), 'due today is not late').toBe(false);
	});
});

describe('the status form', () => {
	const base = { installedOn: '', installedCommune: '', installedMode: '', outcomeNote: '' };
	it('asks an installation for its date, commune and mode, and an abandonment for its reason', () => {
		const installed = statusSchema.safeParse({ ...base, status: 'installed' });
		expect(installed.success).toBe(false);
		expect(installed.error?.issues.map((i) => i.path[0]).sort()).toEqual([
			'installedCommune',
			'installedMode',
			'installedOn'
		]);
		const abandoned = statusSchema.safeParse({ ...base, status: 'abandoned' });
		expect(abandoned.error?.issues.map((i) => i.path[0])).toEqual(['outcomeNote']);
		expect(statusSchema.safeParse({ ...base, status: 'on_hold' }).success).toBe(true);
	});

	it('does not throw on a malformed post', () => {
		const bad = statusSchema.safeParse({ status: 'installed', installedOn: 42, installedCommune: null });
		expect(bad.success).toBe(false);
	});

	it('writes the installation only for an installed request', () => {
		const form = {
			status: 'installed' as const,
			installedOn: '2026-12-01',
			installedCommune: '84031',
			installedMode: 'liberal' as const,
			outcomeNote: ''
		};
		expect(statusUpdate(form, '84031')).toEqual({
			status: 'installed',
			installed_on: '2026-12-01',
			installed_commune_code: '84031',
			installed_mode: 'liberal',
			outcome_note: null
		});
		expect(statusUpdate({ ...form, status: 'on_hold' }, '84031')).toMatchObject({
			installed_on: null,
			installed_commune_code: null,
			installed_mode: null
		});
	});
});

describe('the referral e-mails', () => {
	const payload = {
		referral_id: '748d789f-0447-4a16-b427-1f1b52cbc278',
		reference: '2026-0042',
		need: 'logement',
		due_on: '2026-12-10',
		first_name: 'Camille',
		profession: 'medecine',
		stage: 'interne',
		communes: ['Carpentras', 'Pernes-les-Fontaines'],
		organization_name: 'Mairie de Carpentras',
		charter_title: 'Vaucluse Santé Attractivité'
	};

	it('say the first name, profession, need, communes and due date, with a button to the referral', () => {
		const fr = renderContent('support_referral', payload, 'fr')!;
		expect(fr.subject).toBe('Nouvelle demande orientée vers vous : logement (demande 2026-0042)');
		expect(fr.body).toContain('- Profession : Médecine, interne');
		expect(fr.body).toContain('- Communes envisagées : Carpentras, Pernes-les-Fontaines');
		expect(fr.links).toEqual([
			{
				after: '- Réponse attendue le : 10/12/2026',
				label: 'Ouvrir la demande 2026-0042',
				path: '/demandes/748d789f-0447-4a16-b427-1f1b52cbc278'
			}
		]);
		const en = renderContent('support_referral_reminder', payload, 'en')!;
		expect(en.subject).toBe('Reminder: answer expected on 10/12/2026 for request 2026-0042');
		expect(en.body).toContain('- Need: Housing');
	});

	it('link nothing but a referral page', () => {
		const forged = renderContent('support_referral', { ...payload, referral_id: '../admin' }, 'fr')!;
		expect(forged.links).toEqual([]);
	});
});

describe('the erasure form', () => {
	it('erases only with the box ticked (superforms must not fill the confirmation in)', async () => {
		const { superValidate } = await import('sveltekit-superforms');
		const { zod4 } = await import('sveltekit-superforms/adapters');
		const { eraseSchema } = await import('./support-routing-schemas.ts');
		const unticked = await superValidate(new FormData(), zod4(eraseSchema));
		expect(unticked.valid).toBe(false);
		const form = new FormData();
		form.set('confirm', 'oui');
		expect((await superValidate(form, zod4(eraseSchema))).valid).toBe(true);
	});
});

describe('pages of the partner list', () => {
	it('reads ?page= as a whole number from 1, and anything else as the first page', () => {
		expect(pageNumber('3')).toBe(3);
		for (const raw of [null, '', '0', '-2', '1.5', 'deux', '1e9']) expect(pageNumber(raw), String(raw)).toBe(1);
	});
});
