/**
 * The compte rendu as a PDF file, with the report's machinery (ReportWriter: A4, DejaVu fonts, tables whose rows
 * never split, page numbers), and what it reads (`loadMinutesInput`, with the caller's client: the signed-in
 * user's on the page, the service client in the sender). Relative `.ts` imports only: the sender runs outside
 * SvelteKit.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../database.types.ts';
import type { MailLocale } from '../notifications/mail-format.ts';
import { CONTENT_WIDTH, PAGE } from '../report/layout.ts';
import { COLORS, ReportWriter, type Part } from '../report/writer.ts';
import { minutesContent, type MinutesInput, type SnapshotState } from './minutes-content.ts';

/** A paragraph longer than this is drawn in pieces, cut between words, so that no piece outgrows a page. */
const PIECE = 1800;

export function pieces(text: string, size = PIECE): string[] {
	const out: string[] = [];
	let rest = text;
	while (rest.length > size) {
		const cut = rest.lastIndexOf(' ', size);
		const at = cut > size / 2 ? cut : size;
		out.push(rest.slice(0, at));
		rest = rest.slice(at).replace(/^ /, '');
	}
	out.push(rest);
	return out;
}

export async function renderMinutesPdf(input: MinutesInput, locale: MailLocale): Promise<Buffer> {
	const c = minutesContent(input, locale);
	const w = new ReportWriter({
		title: c.title,
		author: input.charter.title,
		lang: locale === 'en' ? 'en-GB' : 'fr-FR'
	});
	w.paragraph([{ text: c.kicker, font: 'bold', size: 8.5, color: COLORS.accent }], { after: 2 });
	w.paragraph([{ text: c.heading, font: 'bold', size: 18 }], { after: 3 });
	for (const line of c.meta) w.paragraph([{ text: line, color: COLORS.muted }], { after: 1 });
	w.doc
		.moveTo(PAGE.left, w.y + 4)
		.lineTo(PAGE.left + CONTENT_WIDTH, w.y + 4)
		.lineWidth(2.5)
		.strokeColor(COLORS.accent)
		.stroke();
	w.space(14);
	const t = c.words;

	const attendeeColumns = [
		{ header: t.name, min: 140, weight: 2 },
		{ header: t.organization, min: 140, weight: 2 },
		{ header: t.presence, min: 70, weight: 1 }
	];
	const attendeeRows = c.attendees.map((a) => ({
		cells: [[{ text: a.name, font: 'bold' as const }], [{ text: a.organization }], [{ text: a.presence }]]
	}));
	if (attendeeRows.length) {
		w.heading(t.attendees, w.tableLead(attendeeColumns, attendeeRows));
		w.table(attendeeColumns, attendeeRows);
	} else {
		w.heading(t.attendees, 20);
		w.paragraph([{ text: t.noAttendees }]);
	}

	w.heading(t.agenda, 20);
	if (!c.agenda.length) w.paragraph([{ text: t.noAgenda }]);
	for (const line of c.agenda) w.paragraph([{ text: line }], { after: 2 });

	const decisionColumns = [
		{ header: t.code, min: 34, weight: 0 },
		{ header: t.decision, min: 180, weight: 4 },
		{ header: t.owner, min: 90, weight: 1 },
		{ header: t.due, min: 62, weight: 0 },
		{ header: t.status, min: 56, weight: 0 }
	];
	const decisionRows = c.decisions.map((d) => ({
		cells: [
			[{ text: d.code, font: 'bold' as const }],
			[{ text: d.text }],
			[{ text: d.owner }],
			[{ text: d.due }],
			[{ text: d.status }]
		]
	}));
	if (decisionRows.length) {
		w.heading(t.decisions, w.tableLead(decisionColumns, decisionRows));
		w.table(decisionColumns, decisionRows);
	} else {
		w.heading(t.decisions, 20);
		w.paragraph([{ text: t.noDecisions }]);
	}

	w.heading(t.minutes, 20);
	if (!c.minutes.length) w.paragraph([{ text: t.noMinutes, font: 'italic' }]);
	for (const paragraph of c.minutes) {
		// A long paragraph goes in pieces that follow each other without a gap (a page may come between them).
		const parts = pieces(paragraph);
		parts.forEach((piece, i) => w.paragraph([{ text: piece }], { after: i === parts.length - 1 ? 5 : 0 }));
	}

	if (c.presented) {
		const figureColumns = [
			{ header: t.figure, min: 200, weight: 3 },
			{ header: t.value, min: 80, weight: 1, align: 'right' as const }
		];
		const figureRows = c.presented.figures.map((f) => ({
			cells: [[{ text: f.label }], [{ text: f.value, font: 'bold' as const }]]
		}));
		w.heading(c.presented.heading, w.tableLead(figureColumns, figureRows));
		w.table(figureColumns, figureRows);
		w.space(6);
		w.paragraph([{ text: t.alerts, font: 'bold', size: 10.5 }], { size: 10.5, after: 3 });
		if (!c.presented.alerts.length) w.paragraph([{ text: t.noAlerts }]);
		for (const alert of c.presented.alerts) w.paragraph([{ text: `• ${alert}` } satisfies Part], { after: 2 });
	} else {
		w.heading(t.presented('—'), 20);
		w.paragraph([{ text: t.notHeld }]);
	}

	return w.finish((page, pages) => ({ left: c.footer, right: t.page(page, pages) }));
}

type Client = SupabaseClient<Database>;

/** Everything the compte rendu shows, read with `client` (null when the meeting is not found or not visible). */
export async function loadMinutesInput(client: Client, meetingId: string): Promise<MinutesInput | null> {
	const { data: meeting, error } = await client
		.from('meetings')
		.select('id, charter_id, kind, title, starts_at, place, video_url, status, minutes, held_at')
		.eq('id', meetingId)
		.maybeSingle();
	if (error) throw new Error(error.message);
	if (!meeting) return null;
	const [charter, attendees, items, decisions, snapshot] = await Promise.all([
		client.from('charters').select('title, short_title').eq('id', meeting.charter_id).single(),
		client
			.from('meeting_attendees')
			.select(
				'guest_name, presence, created_at, profile:profiles(display_name), organization:organizations(name, short_name)'
			)
			.eq('meeting_id', meetingId)
			.order('created_at'),
		client.from('meeting_items').select('position, kind, title, notes').eq('meeting_id', meetingId).order('position'),
		client
			.from('decisions')
			.select('code, number, text, due_on, status, owner:organizations(name, short_name)')
			.eq('meeting_id', meetingId)
			.order('number'),
		client.from('meeting_snapshots').select('taken_on, dashboard').eq('meeting_id', meetingId).maybeSingle()
	]);
	for (const answer of [charter, attendees, items, decisions, snapshot])
		if (answer.error) throw new Error(answer.error.message);
	const orgName = (o: { name: string; short_name: string | null } | null) => (o ? (o.short_name ?? o.name) : null);
	return {
		charterId: meeting.charter_id,
		charter: charter.data!,
		meeting,
		attendees: (attendees.data ?? [])
			.map((a) => ({
				name: a.profile?.display_name ?? a.guest_name ?? '—',
				organization: orgName(a.organization),
				presence: a.presence
			}))
			.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		items: items.data ?? [],
		decisions: (decisions.data ?? []).map((d) => ({
			code: d.code,
			text: d.text,
			owner: orgName(d.owner),
			due_on: d.due_on,
			status: d.status
		})),
		snapshot: snapshot.data
			? { taken_on: snapshot.data.taken_on, state: snapshot.data.dashboard as unknown as SnapshotState }
			: null
	};
}
