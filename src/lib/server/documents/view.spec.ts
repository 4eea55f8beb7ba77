import { describe, expect, it } from 'vitest';
import { countBy, parseDocumentFilter, toDocumentView, type DocumentRowWithSubject } from './view.ts';

const id = '11111111-1111-4111-8111-111111111111';
const row = (over: Partial<DocumentRowWithSubject> = {}): DocumentRowWithSubject => ({
	id,
	kind: 'piece_justificative',
	title: 'Feuille de présence',
	file_name: 'présence.pdf',
	size: 2048,
	mime_type: 'application/pdf',
	created_at: '2026-11-05T10:00:00Z',
	is_public: false,
	action_id: null,
	meeting_id: null,
	decision_id: null,
	amendment_id: null,
	indicator_value_id: null,
	uploader: { display_name: 'Claire Martin' },
	action: null,
	meeting: null,
	decision: null,
	amendment: null,
	indicator_value: null,
	...over
});

describe('toDocumentView', () => {
	it('names the uploader and the charter itself when nothing else is the subject', () => {
		const view = toDocumentView(row(), '/chartes/c');
		expect(view).toMatchObject({ title: 'Feuille de présence', fileName: 'présence.pdf', size: 2048 });
		expect(view.uploadedBy).toBe('Claire Martin');
		expect(view.subject).toEqual({ kind: 'charter', id: null, label: 'La charte', href: null });
	});
	it('says which action, decision or value a document belongs to, with a link', () => {
		const action = toDocumentView(row({ action_id: id, action: { code: '2.1', title: 'Maraudes' } }), '/chartes/c');
		expect(action.subject).toMatchObject({
			kind: 'action',
			label: 'Action 2.1 — Maraudes',
			href: `/chartes/c/actions/${id}`
		});
		const decision = toDocumentView(row({ decision_id: id, decision: { code: 'D-3' } }), '/chartes/c');
		expect(decision.subject).toMatchObject({ label: 'Décision D-3', href: `/chartes/c/documents?decision=${id}` });
		const value = toDocumentView(
			row({
				indicator_value_id: id,
				indicator_value: { measured_on: '2026-10-31', indicator: { id: 'ind', name: 'Personnes reçues' } }
			}),
			'/chartes/c'
		);
		expect(value.subject).toMatchObject({
			kind: 'indicator_value',
			label: 'Personnes reçues, valeur du 31/10/2026',
			href: '/chartes/c/indicateurs/ind'
		});
	});
	it('keeps an uploader whose account is gone as unknown', () => {
		expect(toDocumentView(row({ uploader: null }), '').uploadedBy).toBeNull();
	});
});

describe('parseDocumentFilter', () => {
	it('reads a kind and a kind of subject, and ignores what it does not know', () => {
		expect(parseDocumentFilter(new URLSearchParams('type=avenant&rattachement=actions'))).toEqual({
			kind: 'avenant',
			subject: 'action'
		});
		expect(parseDocumentFilter(new URLSearchParams('type=virus&rattachement=ailleurs'))).toEqual({});
	});
	it('reads one decision, in lower case', () => {
		expect(parseDocumentFilter(new URLSearchParams(`decision=${id.toUpperCase()}`))).toEqual({
			subject: 'decision',
			subjectId: id
		});
		expect(parseDocumentFilter(new URLSearchParams('decision=../../x'))).toEqual({});
	});
});

describe('countBy', () => {
	it('counts the rows per key and leaves out those without one', () => {
		const counts = countBy([{ k: 'a' }, { k: 'a' }, { k: null }, { k: 'b' }], (r) => r.k);
		expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1 });
	});
});
