/**
 * The demo's files: the seed (SQL) cannot write to Storage, so `npm start` adds them once the stack is up, with
 * the service role, for the Haute-Vienne charter: its signed charter (public), the frozen report of the COPIL of
 * 05/11/2026 (drawn from its snapshot by the app's own code, and named in the snapshot's report_path) and one
 * piece of evidence on action 1.1; each with its `documents` row. The signed charter and the evidence are drawn
 * here and say "Document de démonstration"; the report is the app's own, drawn from the seeded snapshot.
 *
 * Idempotent: a document whose object is already named by a row is left alone. The test stack's seed has no
 * files and the tests do not need these (tests/archive uploads its own). Alone: `node scripts/seed/demo-files.ts`
 * (the local stack of the current profile must be running).
 */
import { createHash } from 'node:crypto';
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import PDFDocument from 'pdfkit';
import { appEnv, stackConfig } from '../../stack/config.ts';
import { DEMO_ACCOUNTS } from '../demo-accounts.ts';
import { seedId } from './generate.ts';

// The app's modules import each other as `.js` (Vite resolves them to `.ts`); Node is told to do the same.
registerHooks({
	resolve(specifier, context, next) {
		try {
			return next(specifier, context);
		} catch (error) {
			if (/^(\.|#lib\/)/.test(specifier) && specifier.endsWith('.js')) {
				return next(`${specifier.slice(0, -3)}.ts`, context);
			}
			throw error;
		}
	}
});

const BUCKET = 'charter-documents';
const CHARTER = 'haute-vienne';
const COORDINATOR = 'coordination.hv@example.org';
const DEMO_MARK = 'Document de démonstration';

interface DemoFile {
	objectPath: string;
	fileName: string;
	kind: 'charte_signee' | 'rapport_copil' | 'piece_justificative';
	title: string;
	isPublic: boolean;
	subject: { action_id?: string; meeting_id?: string };
	draw: () => Promise<Uint8Array>;
	/** After the row: the snapshot names its frozen report. */
	after?: (client: SupabaseClient) => Promise<void>;
}

/** A one-page PDF marked as a demo document (DejaVu, the report's font: every French glyph). */
async function demoPdf(title: string, lines: string[]): Promise<Uint8Array> {
	const { FONTS } = await import('../../src/lib/server/report/fonts.ts');
	const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Subject: DEMO_MARK } });
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
	doc.font(FONTS.bold).fontSize(11).fillColor('#a11d1a').text(DEMO_MARK.toUpperCase(), { align: 'center' });
	doc.moveDown(0.3).font(FONTS.regular).fontSize(9).fillColor('#4f565e');
	doc.text('Fichier fictif fourni avec les données de démonstration. / Sample file of the demo data.', {
		align: 'center'
	});
	doc.moveDown(1.5).font(FONTS.bold).fontSize(18).fillColor('#1b1d1f').text(title);
	doc.moveDown().font(FONTS.regular).fontSize(11);
	for (const line of lines) doc.text(line).moveDown(0.6);
	doc.end();
	await done;
	return new Uint8Array(Buffer.concat(chunks));
}

function demoFiles(): DemoFile[] {
	const charterId = seedId('charter', CHARTER);
	const meetingId = seedId('meeting', `${CHARTER}/copil-2026-11`);
	const actionId = seedId('action', `${CHARTER}/1.1`);
	return [
		{
			objectPath: `${charterId}/charte/demo-charte-signee.pdf`,
			fileName: 'charte-haute-vienne-signee.pdf',
			kind: 'charte_signee',
			title: 'Charte signée le 25/09/2024',
			isPublic: true,
			subject: {},
			draw: () =>
				demoPdf('Plan d’attractivité médicale de la Haute-Vienne', [
					'Charte partenariale signée le 25/09/2024 à Limoges par le Département, l’ARS Nouvelle-Aquitaine, le Conseil départemental de l’Ordre des médecins, la Faculté de médecine de Limoges et leurs partenaires.',
					'Les signataires s’engagent à mettre en œuvre le plan d’actions annexé, à en suivre les indicateurs et à se réunir en comité de pilotage au moins deux fois par an.',
					'Signatures : (démonstration)'
				])
		},
		{
			objectPath: `${charterId}/reunions/${meetingId}/demo-rapport-copil-2026-11-05.pdf`,
			fileName: `rapport-copil-${CHARTER}-2026-11-05-fige.pdf`,
			kind: 'rapport_copil',
			title: 'Rapport du COPIL du 05/11/2026 (figé)',
			isPublic: false,
			subject: { meeting_id: meetingId },
			draw: async () => {
				const client = serviceClient();
				const { drawFrozenReport, loadSnapshot } = await import('../../src/lib/server/documents/frozen-draw.ts');
				const { data: charter, error } = await client.from('charters').select('*').eq('id', charterId).single();
				if (error) throw new Error(`charters: ${error.message}`);
				const snapshot = await loadSnapshot(client as never, charterId, meetingId);
				if (!snapshot) throw new Error('the COPIL of 05/11/2026 has no snapshot');
				return new Uint8Array(await drawFrozenReport(client as never, charter, snapshot));
			},
			after: async (client) => {
				const { error } = await client
					.from('meeting_snapshots')
					.update({ report_path: `${charterId}/reunions/${meetingId}/demo-rapport-copil-2026-11-05.pdf` })
					.eq('meeting_id', meetingId)
					.is('report_path', null);
				if (error) throw new Error(`report_path: ${error.message}`);
			}
		},
		{
			objectPath: `${charterId}/actions/${actionId}/demo-justificatif-sas.pdf`,
			fileName: 'bilan-regulation-sas-2026.pdf',
			kind: 'piece_justificative',
			title: 'Bilan de la régulation du SAS, premier semestre 2026',
			isPublic: false,
			subject: { action_id: actionId },
			draw: () =>
				demoPdf('Bilan de la régulation du SAS — premier semestre 2026', [
					'Action 1.1 : Mettre en œuvre le Service d’accès aux soins (SAS).',
					'Du 01/01/2026 au 30/06/2026, la régulation libérale a répondu en semaine de 8 h à 20 h ; 12 340 appels ont été orientés vers un rendez-vous de médecine générale.',
					'Les week-ends restent à organiser avec les CPTS du département.'
				])
		}
	];
}

let service: SupabaseClient | undefined;
function serviceClient(): SupabaseClient {
	service ??= createClient(process.env.PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	return service;
}

/** Adds the demo files that are missing; returns how many were added. */
export async function addDemoFiles(env: Record<string, string> = {}): Promise<number> {
	for (const [key, value] of Object.entries(env)) process.env[key] ??= value;
	const client = serviceClient();
	const coordinator = DEMO_ACCOUNTS.find((a) => a.email === COORDINATOR)?.id ?? null;
	const files = demoFiles();
	const { data: present, error } = await client
		.from('documents')
		.select('object_path')
		.in(
			'object_path',
			files.map((f) => f.objectPath)
		);
	if (error) throw new Error(`documents: ${error.message}`);
	const known = new Set((present ?? []).map((d) => d.object_path as string));
	let added = 0;
	for (const file of files) {
		if (known.has(file.objectPath)) continue;
		const bytes = await file.draw();
		const stored = await client.storage
			.from(BUCKET)
			.upload(file.objectPath, bytes, { contentType: 'application/pdf', upsert: true });
		if (stored.error) throw new Error(`storage ${file.objectPath}: ${stored.error.message}`);
		const row = await client.from('documents').insert({
			charter_id: seedId('charter', CHARTER),
			kind: file.kind,
			title: file.title,
			object_path: file.objectPath,
			file_name: file.fileName,
			size: bytes.byteLength,
			mime_type: 'application/pdf',
			sha256: createHash('sha256').update(bytes).digest('hex'),
			is_public: file.isPublic,
			uploaded_by: coordinator,
			...file.subject
		});
		if (row.error) throw new Error(`documents ${file.objectPath}: ${row.error.message}`);
		await file.after?.(client);
		added++;
	}
	return added;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const added = await addDemoFiles(appEnv(stackConfig()));
	console.log(added ? `${added} demo file(s) added.` : 'The demo files are already there.');
}
