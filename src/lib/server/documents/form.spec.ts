import { describe, expect, it } from 'vitest';
import { readChangeForm, readUploadForm, titleFromFileName } from './form.ts';

const id = '11111111-1111-4111-8111-111111111111';
const form = (fields: Record<string, string | File>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};
const pdf = (name = 'Compte rendu.pdf') =>
	new File([new Uint8Array([37, 80, 68, 70])], name, { type: 'application/pdf' });

describe('readUploadForm', () => {
	it('takes the title from the file when none is typed', () => {
		const read = readUploadForm(form({ documentKey: 'k', file: pdf(), title: '  ', kind: 'compte_rendu' }), true);
		expect(read).toMatchObject({ ok: true, fields: { key: 'k', title: 'Compte rendu', kind: 'compte_rendu' } });
	});
	it('files evidence for partners whatever they post, never public', () => {
		const read = readUploadForm(form({ file: pdf(), title: 'Preuve', kind: 'charte_signee', isPublic: 'on' }), false);
		expect(read).toMatchObject({ ok: true, fields: { kind: 'piece_justificative', isPublic: false } });
	});
	it('files evidence from a coordinator form without a kind field, and publishes when asked', () => {
		expect(readUploadForm(form({ file: pdf(), title: 'P' }), true)).toMatchObject({
			fields: { kind: 'piece_justificative', isPublic: false }
		});
		expect(readUploadForm(form({ file: pdf(), kind: 'autre', isPublic: 'on' }), true)).toMatchObject({
			fields: { kind: 'autre', isPublic: true }
		});
	});
	it('refuses an unknown kind and a long title next to their fields, giving back what was typed', () => {
		const kind = readUploadForm(form({ file: pdf(), title: 'T', kind: 'secret' }), true);
		expect(kind).toMatchObject({ ok: false, answer: { field: 'kind', values: { title: 'T', kind: 'secret' } } });
		const long = readUploadForm(form({ file: pdf(), title: 'x'.repeat(201), kind: 'autre' }), true);
		expect(long).toMatchObject({ ok: false, answer: { field: 'title' } });
		if (!long.ok) expect(long.answer.error).toContain('201');
	});
	it('refuses a file name too long to be a title rather than cutting it', () => {
		const read = readUploadForm(form({ file: pdf(`${'a'.repeat(230)}.pdf`), kind: 'autre' }), true);
		expect(read).toMatchObject({ ok: false, answer: { field: 'title' } });
	});
	it('leaves an empty file input as no file (uploadDocument says to choose one)', () => {
		const read = readUploadForm(form({ file: new File([], ''), title: 'T', kind: 'autre' }), true);
		expect(read).toMatchObject({ ok: true, fields: { file: null } });
	});
});

describe('titleFromFileName', () => {
	it('drops the extension only', () => {
		expect(titleFromFileName('Avenant n°2.signé.pdf')).toBe('Avenant n°2.signé');
		expect(titleFromFileName('.env')).toBe('.env');
	});
});

describe('readChangeForm', () => {
	it('changes only what is posted', () => {
		expect(readChangeForm(form({ documentId: id, public: '1' }))).toEqual({ ok: true, fields: { id, isPublic: true } });
		expect(readChangeForm(form({ documentId: id, title: ' Charte ', kind: 'charte_signee' }))).toEqual({
			ok: true,
			fields: { id, title: 'Charte', kind: 'charte_signee' }
		});
	});
	it('refuses an empty title or an unknown kind on its field, and an unknown id as not found', () => {
		expect(readChangeForm(form({ documentId: id, title: '' }))).toMatchObject({ ok: false, field: 'title' });
		expect(readChangeForm(form({ documentId: id, kind: 'x' }))).toMatchObject({ ok: false, field: 'kind' });
		expect(readChangeForm(form({ documentId: 'nope' }))).toMatchObject({ ok: false, field: null });
	});
});
