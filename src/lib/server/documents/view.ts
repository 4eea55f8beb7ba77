/**
 * What the pages show of a document (DocumentView), what it is attached to in words, and the filters of the
 * documents page as they come in the URL. Pure: the queries are in list.ts.
 */
import type { Enums } from '#lib/database.types.js';
import { isUuid } from '#lib/domain/patterns.js';
import { formatDate } from '#lib/format.js';
import { meetingHeading } from '#lib/meetings/meeting-title.js';
import { m } from '#lib/paraglide/messages.js';

export type DocumentKind = Enums<'document_kind'>;
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
	'charte_signee',
	'avenant',
	'compte_rendu',
	'rapport_copil',
	'piece_justificative',
	'archive',
	'autre'
];
export const isDocumentKind = (value: unknown): value is DocumentKind =>
	typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);

/** What a document is attached to, as the filters and the list name it. */
export type SubjectKind = 'charter' | 'action' | 'meeting' | 'decision' | 'amendment' | 'indicator_value';

/** A document as every list shows it (document-list.svelte). */
export interface DocumentView {
	id: string;
	kind: DocumentKind;
	title: string;
	fileName: string;
	/** Bytes, as Storage measured them. */
	size: number;
	mimeType: string;
	/** When it was filed (ISO). */
	createdAt: string;
	isPublic: boolean;
	/** The uploader's display name; null when the account is gone. */
	uploadedBy: string | null;
	subject: { kind: SubjectKind; id: string | null; label: string; href: string | null };
}

/** A row of `documents` with the embeds list.ts asks for. */
export interface DocumentRowWithSubject {
	id: string;
	kind: DocumentKind;
	title: string;
	file_name: string;
	size: number;
	mime_type: string;
	created_at: string;
	is_public: boolean;
	action_id: string | null;
	meeting_id: string | null;
	decision_id: string | null;
	amendment_id: string | null;
	indicator_value_id: string | null;
	uploader: { display_name: string | null } | null;
	action: { code: string; title: string } | null;
	meeting: { kind: Enums<'meeting_kind'>; starts_at: string } | null;
	decision: { code: string } | null;
	amendment: { number: number } | null;
	indicator_value: { measured_on: string; indicator: { id: string; name: string } | null } | null;
}

/** What a row is attached to, in words, with a link to it (`base` is `/chartes/<slug>`). */
export function subjectOf(row: DocumentRowWithSubject, base: string): DocumentView['subject'] {
	if (row.action_id)
		return {
			kind: 'action',
			id: row.action_id,
			label: row.action ? `${m.docs_subject_action({ code: row.action.code })} — ${row.action.title}` : '—',
			href: `${base}/actions/${row.action_id}`
		};
	if (row.meeting_id)
		return {
			kind: 'meeting',
			id: row.meeting_id,
			label: row.meeting ? meetingHeading(row.meeting) : '—',
			href: `${base}/reunions/${row.meeting_id}/compte-rendu`
		};
	if (row.decision_id)
		return {
			kind: 'decision',
			id: row.decision_id,
			label: row.decision ? m.docs_subject_decision({ code: row.decision.code }) : '—',
			href: `${base}/documents?decision=${row.decision_id}`
		};
	if (row.amendment_id)
		return {
			kind: 'amendment',
			id: row.amendment_id,
			label: row.amendment ? m.docs_subject_amendment({ number: row.amendment.number }) : '—',
			href: null
		};
	if (row.indicator_value_id) {
		const value = row.indicator_value;
		return {
			kind: 'indicator_value',
			id: row.indicator_value_id,
			label: value?.indicator
				? m.docs_subject_value({ indicator: value.indicator.name, date: formatDate(value.measured_on) })
				: '—',
			href: value?.indicator ? `${base}/indicateurs/${value.indicator.id}` : null
		};
	}
	return { kind: 'charter', id: null, label: m.docs_subject_charter(), href: null };
}

export function toDocumentView(row: DocumentRowWithSubject, base: string): DocumentView {
	return {
		id: row.id,
		kind: row.kind,
		title: row.title,
		fileName: row.file_name,
		size: Number(row.size),
		mimeType: row.mime_type,
		createdAt: row.created_at,
		isPublic: row.is_public,
		uploadedBy: row.uploader?.display_name ?? null,
		subject: subjectOf(row, base)
	};
}

/** The filters of a list: a kind, a kind of subject, or one subject. */
export interface DocumentFilter {
	kind?: DocumentKind;
	subject?: SubjectKind;
	/** With `subject`: that one subject (an action, a meeting, a decision, an amendment, a value). */
	subjectId?: string;
	/** The evidence of these indicator values (the indicator page). */
	indicatorValueIds?: string[];
}

/** The words of the URL for each kind of subject (`?rattachement=actions`). */
export const SUBJECT_PARAMS: Record<SubjectKind, string> = {
	charter: 'charte',
	action: 'actions',
	meeting: 'reunions',
	decision: 'decisions',
	amendment: 'avenants',
	indicator_value: 'indicateurs'
};

/** The filters of the documents page: `?type=<kind>&rattachement=<subject>` or `?decision=<id>`; unknown values are ignored. */
export function parseDocumentFilter(params: URLSearchParams): DocumentFilter {
	const filter: DocumentFilter = {};
	const kind = params.get('type');
	if (isDocumentKind(kind)) filter.kind = kind;
	const decision = params.get('decision');
	if (isUuid(decision)) return { ...filter, subject: 'decision', subjectId: decision.toLowerCase() };
	const subject = params.get('rattachement');
	const found = (Object.entries(SUBJECT_PARAMS) as [SubjectKind, string][]).find(([, word]) => word === subject);
	if (found) filter.subject = found[0];
	return filter;
}

/** The column of `documents` that holds a kind of subject (none for the charter itself). */

/** How many documents each subject has (the decisions register shows a count per decision). */
export function countBy<T>(rows: T[], key: (row: T) => string | null): Map<string, number> {
	const counts = new Map<string, number>();
	for (const row of rows) {
		const k = key(row);
		if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
	}
	return counts;
}
