import { describe, expect, it } from 'vitest';
import {
	contentMatchesType,
	documentFolder,
	documentMimeType,
	documentObjectPath,
	formatFileSize,
	subjectColumns
} from './files.ts';

const charter = '11111111-1111-4111-8111-111111111111';
const action = '22222222-2222-4222-8222-222222222222';

describe('documentMimeType', () => {
	it('keeps an accepted declared type and reads the extension otherwise', () => {
		expect(documentMimeType('a.pdf', 'application/pdf')).toBe('application/pdf');
		expect(documentMimeType('Compte rendu.ODT', 'application/octet-stream')).toBe(
			'application/vnd.oasis.opendocument.text'
		);
		expect(documentMimeType('photo.jpeg', '')).toBe('image/jpeg');
		expect(documentMimeType('notes.csv', 'text/csv; charset=utf-8')).toBe('text/csv');
	});
	it('refuses what is not a document', () => {
		expect(documentMimeType('page.html', 'text/html')).toBeNull();
		expect(documentMimeType('script.exe', 'application/octet-stream')).toBeNull();
		expect(documentMimeType('noextension', null)).toBeNull();
	});
});

describe('documentObjectPath', () => {
	it('files each subject under the charter, with a clean name', () => {
		expect(documentObjectPath(charter, { kind: 'action', id: action }, 'Preuve n°1 (signée).PDF', 'u1')).toBe(
			`${charter}/actions/${action}/u1-preuve-n-1-signee.pdf`
		);
		expect(documentFolder(charter, { kind: 'indicator_value', id: 'v', indicatorId: 'i' })).toBe(
			`${charter}/indicateurs/i/`
		);
		expect(documentFolder(charter, { kind: 'charter' })).toBe(`${charter}/charte/`);
	});
	it('never lets a file name climb out of its folder', () => {
		const path = documentObjectPath(charter, { kind: 'charter' }, '../../autre/../x.pdf', 'u2');
		expect(path.startsWith(`${charter}/charte/u2-`)).toBe(true);
		expect(path.split('/')).not.toContain('..');
		expect(documentObjectPath(charter, { kind: 'charter' }, '....', 'u3')).toBe(`${charter}/charte/u3-document`);
	});
});

describe('subjectColumns', () => {
	it('sets the one column of the subject', () => {
		expect(subjectColumns({ kind: 'decision', id: 'd' })).toEqual({
			action_id: null,
			meeting_id: null,
			decision_id: 'd',
			amendment_id: null,
			indicator_value_id: null
		});
		expect(Object.values(subjectColumns({ kind: 'charter' })).every((v) => v === null)).toBe(true);
	});
});

describe('formatFileSize', () => {
	it('speaks French first', () => {
		expect(formatFileSize(12)).toBe('12\u00a0octets');
		expect(formatFileSize(1_258_291)).toBe('1,2\u00a0Mo');
		expect(formatFileSize(348_160, 'en')).toBe('340\u00a0KB');
	});
});

describe('contentMatchesType', () => {
	const bytes = (text: string) => new TextEncoder().encode(text);
	it('recognises each family by its first bytes', () => {
		expect(contentMatchesType('application/pdf', bytes('%PDF-1.7\n…'))).toBe(true);
		expect(contentMatchesType('application/vnd.oasis.opendocument.text', new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toBe(
			true
		);
		expect(contentMatchesType('text/csv', bytes('code;titre\n1.1;Bourse'))).toBe(true);
		expect(contentMatchesType('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
	});
	it('refuses a page or a program renamed as a document', () => {
		expect(contentMatchesType('application/pdf', bytes('<html><script>alert(1)</script>'))).toBe(false);
		expect(
			contentMatchesType('application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes('MZ\x90'))
		).toBe(false);
		expect(contentMatchesType('text/plain', new Uint8Array([0x4d, 0x5a, 0, 0]))).toBe(false);
		expect(contentMatchesType('image/png', new Uint8Array([]))).toBe(false);
	});
});
