/**
 * What the meetings pages read and write, over the caller's client (RLS decides: members read, coordinators
 * write). The invitations are not sent from here: inserting an attendee, moving or cancelling a meeting writes
 * the e-mails in the same transaction (migration 20261123500100_meeting_invitations.sql).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Enums } from '#lib/database.types.js';
import { m } from '#lib/paraglide/messages.js';
import { must, refuse } from '#lib/server/form-action.js';
import { parisParts } from '#lib/meetings/meeting-time.js';
import { guestsOf, meetingColumns, type planSchema } from '#lib/meetings/meeting-form.js';
import type { z } from 'zod';

type Client = SupabaseClient<Database>;
type Role = Enums<'member_role'>;

export interface Invitee {
	userId: string;
	name: string;
	role: Role;
	organizationId: string | null;
	organizationName: string | null;
	/** Checked by default when planning: everyone but the elected officials. */
	checked: boolean;
}

export const invitedByDefault = (role: Role): boolean => role !== 'elected_official';

const orgName = (o: { name: string; short_name: string | null } | null) => (o ? (o.short_name ?? o.name) : null);

export async function loadInvitees(supabase: Client, charterId: string): Promise<Invitee[]> {
	const { data, error } = await supabase
		.from('charter_members')
		.select(
			'user_id, role, organization_id, profile:profiles(display_name), organization:organizations(name, short_name)'
		)
		.eq('charter_id', charterId);
	if (error) throw error;
	return data.map((r) => ({
		userId: r.user_id,
		name: r.profile?.display_name ?? '—',
		role: r.role,
		organizationId: r.organization_id,
		organizationName: orgName(r.organization),
		checked: invitedByDefault(r.role)
	}));
}

/** The charter's partner organizations, each once (a partner has one row per role). */
export async function loadPartners(supabase: Client, charterId: string): Promise<{ id: string; name: string }[]> {
	const { data, error } = await supabase
		.from('charter_partners')
		.select('organization:organizations(id, name, short_name)')
		.eq('charter_id', charterId);
	if (error) throw error;
	const byId = new Map<string, string>();
	for (const p of data) if (p.organization) byId.set(p.organization.id, orgName(p.organization)!);
	return [...byId.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export interface MeetingRow {
	id: string;
	kind: Enums<'meeting_kind'>;
	title: string;
	starts_at: string;
	status: Enums<'meeting_status'>;
	updates_due_on: string | null;
	attendees: number;
}

/** Upcoming (planned, not started yet) soonest first; the others, latest first. */
export function splitMeetings(rows: MeetingRow[], now: Date): { upcoming: MeetingRow[]; past: MeetingRow[] } {
	const upcoming = rows
		.filter((r) => r.status === 'planned' && new Date(r.starts_at) >= new Date(now.getTime() - 12 * 3_600_000))
		.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
	const ids = new Set(upcoming.map((r) => r.id));
	const past = rows.filter((r) => !ids.has(r.id)).sort((a, b) => b.starts_at.localeCompare(a.starts_at));
	return { upcoming, past };
}

export async function loadMeetings(supabase: Client, charterId: string): Promise<MeetingRow[]> {
	const { data, error } = await supabase
		.from('meetings')
		.select('id, kind, title, starts_at, status, updates_due_on, meeting_attendees(count)')
		.eq('charter_id', charterId)
		.order('starts_at', { ascending: false })
		.limit(500);
	if (error) throw error;
	return data.map(({ meeting_attendees, ...r }) => ({
		...r,
		attendees: (meeting_attendees as unknown as { count: number }[])[0]?.count ?? 0
	}));
}

export interface AttendeeRow {
	id: string;
	userId: string | null;
	name: string;
	email: string | null;
	organizationName: string | null;
	guest: boolean;
	presence: Enums<'attendee_presence'>;
}

export async function loadAttendees(supabase: Client, meetingId: string): Promise<AttendeeRow[]> {
	const { data, error } = await supabase
		.from('meeting_attendees')
		.select(
			'id, user_id, guest_name, guest_email, presence, profile:profiles(display_name, email), organization:organizations(name, short_name)'
		)
		.eq('meeting_id', meetingId);
	if (error) throw error;
	return data
		.map((a) => ({
			id: a.id,
			userId: a.user_id,
			name: a.profile?.display_name ?? a.guest_name ?? '—',
			email: a.profile?.email ?? a.guest_email,
			organizationName: orgName(a.organization),
			guest: a.user_id === null,
			presence: a.presence
		}))
		.sort(
			(a, b) =>
				(a.organizationName ?? '~').localeCompare(b.organizationName ?? '~', 'fr') || a.name.localeCompare(b.name, 'fr')
		);
}

/** Plans a meeting and invites: the meeting first, then its attendees; if inviting fails, the meeting goes too. */
export async function planMeeting(
	supabase: Client,
	charterId: string,
	d: z.output<typeof planSchema>,
	members: Invitee[]
): Promise<string> {
	const meeting = must(
		await supabase
			.from('meetings')
			.insert({ charter_id: charterId, ...meetingColumns(d) })
			.select('id')
			.single()
	);
	const known = new Set(members.map((p) => p.userId));
	const chosen = [...new Set(d.attendees)];
	if (chosen.some((id) => !known.has(id))) {
		await supabase.from('meetings').delete().eq('id', meeting.id);
		refuse(400, m.admin_error_choice_required(), 'attendees');
	}
	const rows = [
		...chosen.map((userId) => ({ meeting_id: meeting.id, charter_id: charterId, user_id: userId })),
		...guestsOf(d).map((g) => ({
			meeting_id: meeting.id,
			charter_id: charterId,
			organization_id: g.organizationId,
			guest_name: g.name,
			guest_email: g.email
		}))
	];
	if (rows.length) {
		const invited = await supabase.from('meeting_attendees').insert(rows);
		if (invited.error) {
			await supabase.from('meetings').delete().eq('id', meeting.id);
			must(invited, { unique: { field: 'guestEmail', text: m.mplan_already_invited() } });
		}
	}
	return meeting.id;
}

/** The edit form's values of a meeting (its day and time in Paris). */
export function meetingFormValues(meeting: Database['public']['Tables']['meetings']['Row']) {
	const { date, time } = parisParts(meeting.starts_at);
	return {
		kind: meeting.kind,
		title: meeting.title,
		date,
		time,
		durationMinutes: meeting.duration_minutes,
		place: meeting.place ?? '',
		videoUrl: meeting.video_url ?? '',
		updatesDueOn: meeting.updates_due_on ?? '',
		campaignOpensOn: meeting.campaign_opens_on ?? ''
	};
}
