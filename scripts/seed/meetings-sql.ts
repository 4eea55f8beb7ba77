/**
 * The SQL of the COPIL-cycle seed (scripts/seed/meetings-data.ts), appended by generate.ts. The rows keep their
 * demo dates and numbers: triggers are off (session_replication_role = replica) while they are inserted, so no
 * invitation, proposal or stamp of "now" follows; the snapshot is the dashboard as the database computes it for
 * 05/11/2026, before the journal entry written after that meeting.
 */
import { HV_DECISIONS, HV_MEETINGS, HV_UPDATE_AFTER_COPIL } from './meetings-data.ts';
import type { SqlTools } from './support-sql.ts';

const CHARTER = 'haute-vienne';
const q = (value: string | number | null | undefined): string =>
	value === null || value === undefined
		? 'null'
		: typeof value === 'number'
			? String(value)
			: `'${value.replace(/'/g, "''")}'`;

export function meetingsSql(
	{ seedId, row, insert, orgId, actionId }: SqlTools,
	userId: (email: string) => string | null
): string {
	const charterId = seedId('charter', CHARTER);
	const meetingId = (key: string) => seedId('meeting', `${CHARTER}/${key}`);
	const decisionId = (key: string) => seedId('decision', `${CHARTER}/${key}`);
	const parts = [
		'-- The COPIL cycle of the Haute-Vienne plan (scripts/seed/meetings-data.ts)',
		'set session_replication_role = replica;'
	];
	parts.push(
		insert(
			'meetings',
			[
				'id',
				'charter_id',
				'kind',
				'title',
				'starts_at',
				'place',
				'status',
				'updates_due_on',
				'campaign_opens_on',
				'minutes',
				'held_at',
				'created_by'
			],
			HV_MEETINGS.map((mt) =>
				row([
					meetingId(mt.key),
					charterId,
					mt.kind,
					mt.title,
					mt.startsAt,
					mt.place,
					mt.status,
					mt.updatesDueOn,
					mt.campaignOpensOn,
					mt.minutes,
					mt.status === 'held' ? mt.startsAt.replace('T14:00', 'T17:00') : null,
					userId('coordination.hv@example.org')
				])
			)
		)
	);
	// Members attend for their organization in the charter; a guest for the organization named.
	const attendees = HV_MEETINGS.flatMap((mt) =>
		mt.attendees.map((a, i) => {
			const id = q(seedId('meeting_attendee', `${CHARTER}/${mt.key}/${i}`));
			const recorded = a.presence === 'invited' ? 'null' : q(mt.startsAt);
			if (a.guest)
				return `  (${id}, ${q(meetingId(mt.key))}, ${q(charterId)}, null, ${q(orgId(a.guest.org))}, ${q(a.guest.name)}, ${q(a.guest.email)}, ${q(a.presence)}::public.attendee_presence, ${recorded}::timestamptz)`;
			const user = q(userId(a.email!));
			const org = `(select m.organization_id from public.charter_members m where m.charter_id = ${q(charterId)} and m.user_id = ${user})`;
			return `  (${id}, ${q(meetingId(mt.key))}, ${q(charterId)}, ${user}::uuid, ${org}, null, null, ${q(a.presence)}::public.attendee_presence, ${recorded}::timestamptz)`;
		})
	);
	parts.push(
		`insert into public.meeting_attendees (id, meeting_id, charter_id, user_id, organization_id, guest_name, guest_email, presence, presence_recorded_at) values\n${attendees.join(',\n')};\n`
	);
	const held = HV_MEETINGS.find((mt) => mt.status === 'held')!;
	const day = held.startsAt.slice(0, 10);
	parts.push(
		`insert into public.meeting_snapshots (id, meeting_id, charter_id, taken_at, taken_on, dashboard, taken_by) values\n` +
			`  (${q(seedId('meeting_snapshot', `${CHARTER}/${held.key}`))}, ${q(meetingId(held.key))}, ${q(charterId)}, ${q(held.startsAt)}, ${q(day)}, public.meeting_state(${q(charterId)}, ${q(day)}), ${q(userId('coordination.hv@example.org'))});\n`
	);
	parts.push(
		insert(
			'decisions',
			[
				'id',
				'charter_id',
				'meeting_id',
				'number',
				'code',
				'text',
				'owner_organization_id',
				'due_on',
				'status',
				'action_id',
				'status_comment',
				'status_changed_at',
				'status_changed_by',
				'created_by',
				'created_at'
			],
			HV_DECISIONS.map((d, i) =>
				row([
					decisionId(d.key),
					charterId,
					meetingId(d.meeting),
					i + 1,
					`D${String(i + 1).padStart(2, '0')}`,
					d.text,
					orgId(d.owner),
					d.dueOn,
					d.status,
					d.action ? actionId(CHARTER, d.action) : null,
					d.statusComment,
					d.statusChangedAt,
					d.statusChangedBy ? userId(d.statusChangedBy) : null,
					userId('coordination.hv@example.org'),
					held.startsAt.replace('T14:00', 'T17:00')
				])
			)
		)
	);
	parts.push(
		insert(
			'meeting_items',
			['id', 'meeting_id', 'charter_id', 'position', 'kind', 'action_id', 'decision_id', 'title', 'notes'],
			HV_MEETINGS.flatMap((mt) =>
				mt.items.map((it, i) =>
					row([
						seedId('meeting_item', `${CHARTER}/${mt.key}/${i}`),
						meetingId(mt.key),
						charterId,
						i,
						it.kind,
						it.action ? actionId(CHARTER, it.action) : null,
						it.decision ? decisionId(it.decision) : null,
						it.title,
						it.notes
					])
				)
			)
		)
	);
	parts.push('set session_replication_role = origin;');
	const u = HV_UPDATE_AFTER_COPIL;
	parts.push(
		insert(
			'action_updates',
			['id', 'action_id', 'charter_id', 'author_id', 'status', 'progress', 'health', 'comment', 'created_at'],
			[
				row([
					seedId('action_update', `${CHARTER}/${u.action}/after-copil`),
					actionId(CHARTER, u.action),
					charterId,
					userId(u.by),
					u.status,
					u.progress,
					u.health,
					u.comment,
					`${u.on} 10:00:00+01`
				])
			]
		)
	);
	return parts.join('\n');
}
