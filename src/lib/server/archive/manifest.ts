/**
 * The archive's files and its manifest (pure): each file's path, size, sha256 and, for a table, its row count;
 * who made the archive and when, with which version of the app; and, in French then in English, what it holds
 * and what it leaves out.
 */
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { LEFT_OUT } from './tables.js';

export interface ArchiveFile {
	path: string;
	bytes: Uint8Array;
	/** A table's files: its name in the database and its number of rows. */
	table?: string;
	rows?: number;
	/** A document's file: its row in `documents`. */
	documentId?: string;
}

export interface ManifestFile {
	path: string;
	size: number;
	sha256: string;
	table?: string;
	rows?: number;
	document_id?: string;
}

export interface ManifestInput {
	charter: { id: string; slug: string; title: string };
	madeAt: Date;
	madeBy: string;
	appVersion: string;
	files: readonly ArchiveFile[];
	counts: Record<string, unknown>;
	/** Documents whose file could not be read (missing from Storage, or not the bytes the row says). */
	missing: readonly { document_id: string; title: string; reason: string }[];
}

export const MANIFEST_PATH = 'manifest.json';
export const ARCHIVE_FORMAT = 'charte-partenariale/archive';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const ABOUT = {
	fr: [
		'Archive complète de la charte : chaque table en CSV (séparateur « ; », virgule décimale, pour un tableur) et en JSON (valeurs exactes, pour un programme), et les fichiers de ses documents.',
		'Les membres de la charte figurent avec leur nom, leur adresse électronique et leur rôle : la coordination les voit déjà dans l’application.',
		'Les demandes d’accompagnement, les stages et les aides attribuées concernent des personnes qui ne sont pas membres de la charte : l’archive n’en garde que les nombres affichés par le tableau de bord (fichier json/nombres.json), jamais les personnes.',
		'Les invitations en attente, la file des e-mails envoyés et les tables calculées n’y sont pas : left_out dit pourquoi.',
		'Les archives précédentes de la charte figurent dans la table des documents, sans leur fichier : elles contiennent ce que celle-ci contient déjà.',
		'Chaque fichier est décrit ci-dessous par son chemin, sa taille, son empreinte SHA-256 et, pour une table, son nombre de lignes.'
	],
	en: [
		'The whole charter: each table as CSV (";" separator, decimal comma, for a spreadsheet) and as JSON (exact values, for a program), and the files of its documents.',
		'The charter’s members are listed with their name, e-mail address and role: its coordinators already see them in the app.',
		'Support requests, internships and aid grants concern people who are not members of the charter: the archive keeps only the counts the dashboard shows (the file json/nombres.json), never the people.',
		'Pending invitations, the queue of sent e-mails and computed tables are left out: left_out says why.',
		'Earlier archives of the charter are listed in the documents table, without their file: they hold what this one already holds.',
		'Each file is listed below with its path, size, SHA-256 and, for a table, its number of rows.'
	]
};

export function manifestOf(input: ManifestInput) {
	return {
		format: ARCHIVE_FORMAT,
		format_version: 1,
		charter: { id: input.charter.id, slug: input.charter.slug, title: input.charter.title },
		made_at: input.madeAt.toISOString(),
		made_by: input.madeBy,
		app: { name: 'charte-partenariale', version: input.appVersion },
		about: ABOUT,
		personal_data: {
			members: 'included',
			counted_only: ['support_requests', 'referrals', 'internships', 'aid_grants']
		},
		left_out: LEFT_OUT,
		counts: input.counts,
		missing_documents: input.missing,
		files: input.files.map((f): ManifestFile => ({
			path: f.path,
			size: f.bytes.byteLength,
			sha256: sha256(f.bytes),
			...(f.table ? { table: f.table, rows: f.rows } : {}),
			...(f.documentId ? { document_id: f.documentId } : {})
		}))
	};
}
export type Manifest = ReturnType<typeof manifestOf>;

/** Files already compressed (PDF, images, office documents, zips) are stored as they are: it saves the CPU. */
const COMPRESSED = /\.(pdf|png|jpe?g|webp|zip|docx|xlsx|pptx|odt|ods|odp)$/i;

/** The zip: the manifest first, then the files. */
export function zipArchive(files: readonly ArchiveFile[], manifest: Manifest): Uint8Array {
	const entries: Zippable = {
		[MANIFEST_PATH]: new TextEncoder().encode(JSON.stringify(manifest, null, 2))
	};
	for (const f of files) entries[f.path] = [f.bytes, { level: COMPRESSED.test(f.path) ? 0 : 6 }];
	return zipSync(entries, { level: 6 });
}

/**
 * A document's path in the zip, `documents/<kind>/<file name>`: the name cleaned of folders and control
 * characters, and numbered when the same name is already taken (« rapport (2).pdf »).
 */
export function documentEntryPath(kind: string, fileName: string, taken: Set<string>): string {
	const printable = [...fileName].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
	const cleaned = printable.replace(/[/\\]/g, '-').replace(/^\.+/, '').trim() || 'document';
	const dot = cleaned.lastIndexOf('.');
	const [stem, extension] = dot > 0 ? [cleaned.slice(0, dot), cleaned.slice(dot)] : [cleaned, ''];
	let path = `documents/${kind}/${cleaned}`;
	for (let n = 2; taken.has(path.toLowerCase()); n++) path = `documents/${kind}/${stem} (${n})${extension}`;
	taken.add(path.toLowerCase());
	return path;
}
