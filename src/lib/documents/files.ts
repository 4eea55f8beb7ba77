/**
 * What a charter's documents may be, and where their files go in Storage: one place for the bucket's limits
 * (20261123600000_documents.sql holds the same list), the folders of each subject and the objects' names.
 */

export const DOCUMENTS_BUCKET = 'charter-documents';
/** The bucket's `file_size_limit`: 20 MB. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Accepted types, each with its usual extensions (the first one names the file in Storage). */
export const DOCUMENT_TYPES: Record<string, readonly string[]> = {
	'application/pdf': ['.pdf'],
	'application/vnd.oasis.opendocument.text': ['.odt'],
	'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
	'application/vnd.oasis.opendocument.presentation': ['.odp'],
	'application/msword': ['.doc'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
	'application/vnd.ms-excel': ['.xls'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
	'application/vnd.ms-powerpoint': ['.ppt'],
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
	'text/csv': ['.csv'],
	'text/plain': ['.txt'],
	'image/png': ['.png'],
	'image/jpeg': ['.jpg', '.jpeg'],
	'image/webp': ['.webp'],
	'application/zip': ['.zip']
};

/** For `<input type="file" accept>`. */
export const DOCUMENT_ACCEPT = Object.values(DOCUMENT_TYPES).flat().join(',');

const extensionOf = (fileName: string): string => {
	const dot = fileName.lastIndexOf('.');
	return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
};

/**
 * The type a file is stored with: the browser's when it is one of the accepted types, else the one its
 * extension names (browsers send `application/octet-stream` or nothing for some office files); null when the
 * file is of no accepted type.
 */
export function documentMimeType(fileName: string, declared: string | null | undefined): string | null {
	const type = (declared ?? '').split(';')[0].trim().toLowerCase();
	if (type in DOCUMENT_TYPES) return type;
	const extension = extensionOf(fileName);
	for (const [mime, extensions] of Object.entries(DOCUMENT_TYPES)) {
		if (extensions.includes(extension)) return mime;
	}
	return null;
}

/** What a document is attached to. */
export type DocumentSubject =
	| { kind: 'charter' }
	| { kind: 'amendment'; id: string }
	| { kind: 'meeting'; id: string }
	| { kind: 'decision'; id: string }
	| { kind: 'action'; id: string }
	/** Evidence of an indicator value: filed under its indicator's folder. */
	| { kind: 'indicator_value'; id: string; indicatorId: string }
	| { kind: 'archive' };

/** The folder of a subject's files, under the charter's (the storage policies read these names). */
export function documentFolder(charterId: string, subject: DocumentSubject): string {
	switch (subject.kind) {
		case 'charter':
			return `${charterId}/charte/`;
		case 'amendment':
			return `${charterId}/avenants/${subject.id}/`;
		case 'meeting':
			return `${charterId}/reunions/${subject.id}/`;
		case 'decision':
			return `${charterId}/decisions/${subject.id}/`;
		case 'action':
			return `${charterId}/actions/${subject.id}/`;
		case 'indicator_value':
			return `${charterId}/indicateurs/${subject.indicatorId}/`;
		case 'archive':
			return `${charterId}/archives/`;
	}
}

/** The column of `documents` that names each kind of subject (the charter itself and its archives have none). */
export const SUBJECT_COLUMNS = {
	action: 'action_id',
	meeting: 'meeting_id',
	decision: 'decision_id',
	amendment: 'amendment_id',
	indicator_value: 'indicator_value_id'
} as const;
type SubjectColumn = (typeof SUBJECT_COLUMNS)[keyof typeof SUBJECT_COLUMNS];

/** The columns of `documents` that say what a document is attached to: the subject's set, the others null. */
export function subjectColumns(subject: DocumentSubject): Record<SubjectColumn, string | null> {
	const columns = Object.fromEntries(Object.values(SUBJECT_COLUMNS).map((c) => [c, null])) as Record<
		SubjectColumn,
		string | null
	>;
	if (subject.kind in SUBJECT_COLUMNS && 'id' in subject) {
		columns[SUBJECT_COLUMNS[subject.kind as keyof typeof SUBJECT_COLUMNS]] = subject.id;
	}
	return columns;
}

/**
 * An object's name: the subject's folder, a unique prefix, and the file's name reduced to letters, digits,
 * dashes and dots (the original name is kept in `documents.file_name` and given back on download).
 */
export function documentObjectPath(
	charterId: string,
	subject: DocumentSubject,
	fileName: string,
	unique: string
): string {
	const cleaned = extensionOf(fileName).replace(/[^a-z0-9.]/g, '');
	const extension = /^\.[a-z0-9]{1,10}$/.test(cleaned) ? cleaned : '';
	const stem = fileName
		.slice(0, fileName.length - extensionOf(fileName).length)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
	return `${documentFolder(charterId, subject)}${unique}-${stem || 'document'}${extension}`;
}

/** "1,2 Mo", "340 ko", "12 octets" (French), "1.2 MB"… (English). */
export function formatFileSize(bytes: number, locale: 'fr' | 'en' = 'fr'): string {
	const units = locale === 'fr' ? ['octets', 'ko', 'Mo', 'Go'] : ['bytes', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const digits = unit === 0 || value >= 10 ? 0 : 1;
	const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(
		value
	);
	return `${number}\u00a0${units[unit]}`;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Whether the first bytes of a file are those of its type (a PDF starts with `%PDF-`, office documents are ZIP or
 * OLE containers, texts hold no NUL byte…), so that a page or a program renamed `.pdf` is refused before it is
 * stored and shared.
 */
export function contentMatchesType(mimeType: string, bytes: Uint8Array): boolean {
	switch (mimeType) {
		case 'application/pdf':
			return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
		case 'image/png':
			return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		case 'image/jpeg':
			return startsWith(bytes, [0xff, 0xd8, 0xff]);
		case 'image/webp':
			return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8);
		case 'application/msword':
		case 'application/vnd.ms-excel':
		case 'application/vnd.ms-powerpoint':
			return startsWith(bytes, OLE);
		case 'text/csv':
		case 'text/plain':
			return !bytes.subarray(0, 4096).includes(0);
		default:
			// OpenDocument, Office Open XML and ZIP archives are ZIP containers.
			return startsWith(bytes, ZIP);
	}
}
