/**
 * The SQL of the installation-support seed (scripts/seed/support-data.ts), appended after the charters by
 * generate.ts. Requests, referrals and journal entries keep their demo dates: the triggers that stamp "now"
 * on a client's insert are switched off for these inserts only, and the yearly numbering follows.
 */
import { AID_GRANTS, AID_SCHEMES, OCCURRENCES, SUPPORT_REQUESTS } from './support-data.ts';

type Value = string | number | boolean | null | undefined;
export interface SqlTools {
	seedId: (kind: string, key: string) => string;
	row: (values: Value[]) => string;
	insert: (table: string, columns: string[], rows: string[]) => string;
	orgId: (key: string) => string;
	actionId: (charterKey: string, code: string) => string;
}

const parisYear = (iso: string) =>
	Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date(iso)));

export function supportSql({ seedId, row, insert, orgId, actionId }: SqlTools): string {
	const charterId = (key: string) => seedId('charter', key);
	const requestId = (key: string) => seedId('support_request', key);
	const parts: string[] = [
		'-- Installation support: editions of event actions, aids, requests (scripts/seed/support-data.ts)'
	];

	parts.push(
		insert(
			'action_occurrences',
			[
				'id',
				'action_id',
				'charter_id',
				'held_on',
				'commune_code',
				'participants',
				'professionals',
				'interested',
				'note'
			],
			OCCURRENCES.map((o) => {
				const [charter, code] = o.action.split('/');
				return row([
					seedId('occurrence', `${o.action}/${o.heldOn}`),
					actionId(charter, code),
					charterId(charter),
					o.heldOn,
					o.commune,
					o.participants,
					o.professionals,
					o.interested,
					o.note
				]);
			})
		)
	);

	// Requests, numbered per charter and year in the order they came in.
	const numbers = new Map<string, number>();
	const ordered = [...SUPPORT_REQUESTS].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
	const references = new Map<string, string>();
	for (const r of ordered) {
		const year = parisYear(r.receivedAt);
		const slot = `${r.charter}/${year}`;
		const n = (numbers.get(slot) ?? 0) + 1;
		numbers.set(slot, n);
		references.set(r.key, `${year}-${String(n).padStart(4, '0')}`);
	}
	parts.push(
		'alter table public.support_requests disable trigger support_requests_prepare;\n' +
			'alter table public.referrals disable trigger referrals_prepare;\n' +
			'alter table public.support_request_events disable trigger support_request_events_stamp;'
	);
	parts.push(
		insert(
			'support_requests',
			[
				'id',
				'charter_id',
				'reference',
				'requester_first_name',
				'requester_last_name',
				'requester_email',
				'requester_phone',
				'profession',
				'stage',
				'specialty',
				'project',
				'needs',
				'channel',
				'status',
				'consent_at',
				'installed_on',
				'installed_commune_code',
				'installed_mode',
				'outcome_note',
				'closed_at',
				'created_at',
				'updated_at'
			],
			ordered.map((r) =>
				row([
					requestId(r.key),
					charterId(r.charter),
					references.get(r.key),
					r.firstName,
					r.lastName,
					r.email,
					r.phone,
					r.profession,
					r.stage,
					r.specialty,
					r.project,
					`{${r.needs.join(',')}}`,
					r.channel,
					r.status,
					r.channel === 'public_form' ? r.receivedAt : null,
					r.installed?.on,
					r.installed?.commune,
					r.installed?.mode,
					r.outcomeNote,
					r.closedAt,
					r.receivedAt,
					r.closedAt ?? r.receivedAt
				])
			)
		)
	);
	parts.push(
		insert(
			'support_request_communes',
			['request_id', 'charter_id', 'commune_code'],
			ordered.flatMap((r) => r.communes.map((c) => row([requestId(r.key), charterId(r.charter), c])))
		)
	);
	parts.push(
		insert(
			'referrals',
			[
				'id',
				'request_id',
				'charter_id',
				'organization_id',
				'need',
				'status',
				'due_on',
				'note',
				'routed_at',
				'answered_at'
			],
			ordered.flatMap((r) =>
				(r.referrals ?? []).map((f) =>
					row([
						seedId('referral', `${r.key}/${f.org}/${f.need}`),
						requestId(r.key),
						charterId(r.charter),
						orgId(f.org),
						f.need,
						f.status,
						f.dueOn,
						f.note,
						f.routedAt,
						f.answeredAt
					])
				)
			)
		)
	);
	parts.push(
		insert(
			'support_request_events',
			['id', 'request_id', 'charter_id', 'organization_id', 'kind', 'body', 'created_at'],
			ordered.flatMap((r) => [
				...(r.referrals ?? []).map((f) =>
					row([
						seedId('support_event', `${r.key}/routed/${f.org}/${f.need}`),
						requestId(r.key),
						charterId(r.charter),
						orgId(f.org),
						'routed',
						null,
						f.routedAt
					])
				),
				...(r.journal ?? []).map((e, i) =>
					row([
						seedId('support_event', `${r.key}/${i}`),
						requestId(r.key),
						charterId(r.charter),
						e.org ? orgId(e.org) : null,
						e.kind,
						e.body,
						e.at
					])
				)
			])
		)
	);
	parts.push(
		'alter table public.support_requests enable trigger support_requests_prepare;\n' +
			'alter table public.referrals enable trigger referrals_prepare;\n' +
			'alter table public.support_request_events enable trigger support_request_events_stamp;'
	);
	parts.push(
		insert(
			// private schema: written with its own prefix below
			'__numbers__',
			['charter_id', 'year', 'last_number'],
			[...numbers].map(([slot, n]) => {
				const [charter, year] = slot.split('/');
				return row([charterId(charter), Number(year), n]);
			})
		).replace('public.__numbers__', 'private.support_request_numbers')
	);

	parts.push(
		insert(
			'aid_schemes',
			[
				'id',
				'charter_id',
				'action_id',
				'name',
				'kind',
				'funder_organization_id',
				'max_amount',
				'max_amount_per_year',
				'commitment_years',
				'envelope_amount',
				'note',
				'position'
			],
			AID_SCHEMES.map((s, i) =>
				row([
					seedId('aid_scheme', s.key),
					charterId(s.charter),
					s.action ? actionId(s.charter, s.action) : null,
					s.name,
					s.kind,
					s.funder ? orgId(s.funder) : null,
					s.maxAmount,
					s.maxAmountPerYear ?? false,
					s.commitmentYears,
					s.envelopeAmount,
					s.note,
					i + 1
				])
			)
		)
	);
	parts.push(
		insert(
			'aid_grants',
			[
				'id',
				'charter_id',
				'scheme_id',
				'request_id',
				'beneficiary_name',
				'amount',
				'decided_on',
				'paid_amount',
				'commitment_starts_on',
				'commitment_ends_on',
				'status',
				'refund_amount',
				'note'
			],
			AID_GRANTS.map((g) => {
				const scheme = AID_SCHEMES.find((s) => s.key === g.scheme);
				if (!scheme) throw new Error(`Unknown aid scheme ${g.scheme}`);
				if (g.request && !SUPPORT_REQUESTS.some((r) => r.key === g.request && r.charter === scheme.charter))
					throw new Error(`Unknown request ${g.request} in ${scheme.charter}`);
				return row([
					seedId('aid_grant', g.key),
					charterId(scheme.charter),
					seedId('aid_scheme', g.scheme),
					g.request ? requestId(g.request) : null,
					g.beneficiary,
					g.amount,
					g.decidedOn,
					g.paid,
					g.startsOn,
					g.endsOn,
					g.status,
					g.refund,
					g.note
				]);
			})
		)
	);
	return parts.filter(Boolean).join('\n');
}
