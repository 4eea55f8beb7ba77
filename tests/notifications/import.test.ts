/**
 * Importing the lists faculties send each semester, through the real stack with the spreadsheet pieces of the
 * charter import: a faculty's own workbook (its sheet and headers), every problem by row and column before
 * anything is written, a CSV under any name, the import in one transaction with the officials' e-mails, a
 * second import of the same file that adds nothing, and a host organization's representative kept to their
 * own placements.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	importInternships,
	INTERNSHIP_SHEET,
	previewInternships
} from '../../src/lib/server/internship-import/index.ts';
import type { Membership } from '../../src/lib/server/memberships.ts';
import { renderContent } from '../../src/lib/server/notifications/templates.ts';
import { buildCsv, buildWorkbook } from '../../src/lib/server/spreadsheet/write.ts';
import { signInAs, superuserPool } from '../helpers/demo.ts';
import { createUser, createWorld, WORLD_PASSWORD, type World } from './world.ts';

const su = superuserPool();
const BELLAC = '87011';
const SAINT_YRIEIX = '87187';
let world: World;
let coordinatorMembership: Membership;

const fr = (iso: string) => iso.split('-').reverse().join('/');
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function workbook(name: string, rows: unknown[][]): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	book.addWorksheet(name).addRows(rows);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
	world = await createWorld(su, [[BELLAC], [SAINT_YRIEIX]]);
	coordinatorMembership = {
		charterId: world.charterId,
		slug: world.slug,
		title: world.title,
		shortTitle: null,
		role: 'coordinator',
		organizationId: null,
		organizationName: null
	};
});

afterAll(async () => {
	await world?.remove();
	await su.end();
});

describe('importing a faculty’s list of interns', () => {
	it('reads the faculty’s own workbook and reports every problem by row and column, writing nothing', async () => {
		const coordinator = await signInAs(world.coordinator.email, WORLD_PASSWORD);
		const start = fr(inDays(20));
		const end = fr(inDays(180));
		const file = await workbook('Feuil1', [
			['Prénom', 'Nom', 'Filière', 'Niveau', 'Lieu de stage', 'Code INSEE', 'Date de début', 'Date de fin', 'Remarque'],
			['Zélie', 'Martin', 'Médecine', 'Interne', world.hostName, BELLAC, start, end, 'rien'],
			['Zélie', 'Martin', 'Médecine', 'Interne', world.hostName, BELLAC, start, end, 'doublon'],
			['Yanis', 'Robert', 'Sage-femme', 'Externe', 'Clinique inconnue', SAINT_YRIEIX, start, end, ''],
			['Xavier', 'Petit', 'Médecine', 'Chef de clinique', world.hostName, 'Saint-Martin', '31/02/2027', end, ''],
			['Wassim', 'Leroy', 'Pharmacie', 'Externe', world.hostName, '99999', end, start, '']
		]);
		const preview = await previewInternships(coordinator, world.charterId, coordinatorMembership, [
			{ name: 'liste-novembre.xlsx', data: file }
		]);
		expect(preview.payload).toBeNull();
		const errors = preview.problems.filter((p) => p.level === 'error').map((p) => `${p.row}|${p.column}|${p.message}`);
		expect(errors).toEqual(
			expect.arrayContaining([
				'3|Prénom|Ce stage figure déjà ligne 2 du fichier.',
				expect.stringMatching(/^4\|Structure d’accueil\|« Clinique inconnue » n'est pas dans l'annuaire/),
				expect.stringMatching(/^5\|Niveau\|/),
				expect.stringMatching(/^5\|Arrivée\|/),
				'5|Commune|Communes nommées « Saint-Martin » en France : 5. Indiquez le code INSEE.',
				'6|Commune|Aucune commune ne porte le code INSEE 99999.',
				"6|Fin|La date de fin doit suivre la date d'arrivée."
			])
		);
		// An unknown column is a warning, not an error.
		expect(preview.problems.some((p) => p.level === 'warning' && p.column === 'Remarque')).toBe(true);
		const [{ n }] = await su.query<{ n: string }>(
			'select count(*) as n from public.internships where charter_id = $1',
			[world.charterId]
		);
		expect(Number(n)).toBe(0);
	});

	it('imports a CSV under any name in one transaction, tells the officials of confirmed placements, and adds nothing twice', async () => {
		const coordinator = await signInAs(world.coordinator.email, WORLD_PASSWORD);
		const rows = [
			{
				first_name: 'Apolline',
				last_name: 'Durand',
				profession: 'medecine',
				level: 'interne',
				host: world.hostName,
				commune: 'Bellac',
				starts_on: inDays(30),
				ends_on: inDays(200),
				housing: 'logement_communal',
				status: 'confirmed'
			},
			{
				first_name: 'Basile',
				last_name: 'Girard',
				profession: 'pharmacie',
				level: 'externe',
				host: world.hostName,
				commune: SAINT_YRIEIX,
				starts_on: inDays(31),
				ends_on: inDays(120)
			},
			{
				first_name: 'Céleste',
				last_name: 'Noël',
				email: 'celeste.noel@example.com',
				profession: 'maieutique',
				level: 'externe',
				specialty: '',
				faculty: 'Faculté de Limoges',
				supervisor: 'Mme Sage',
				host: world.hostName,
				commune: SAINT_YRIEIX,
				starts_on: inDays(32),
				ends_on: inDays(120),
				housing: 'internat'
			}
		];
		const csv = new TextEncoder().encode(buildCsv(INTERNSHIP_SHEET, rows));
		const files = [{ name: 'internes-mai-2027.csv', data: csv }];
		const preview = await previewInternships(coordinator, world.charterId, coordinatorMembership, files);
		expect(preview.problems.filter((p) => p.level === 'error')).toEqual([]);
		expect(preview.payload).toHaveLength(3);
		expect(preview.confirmed).toBe(1);
		expect(preview.payload![0]).toMatchObject({
			commune_code: BELLAC,
			status: 'confirmed',
			host_organization_id: world.hostId
		});
		expect(preview.payload![1].status).toBe('planned');

		const result = await importInternships(coordinator, world.charterId, world.coordinator.id, preview.payload!);
		expect(result).toEqual({ ok: true, count: 3 });
		const notes = await su.query<{ recipient_email: string; kind: string; payload: unknown }>(
			`select n.recipient_email, n.kind, n.payload from public.notifications n
			 join public.internships i on i.id = n.internship_id where i.charter_id = $1`,
			[world.charterId]
		);
		expect(notes.map((n) => n.recipient_email)).toEqual([world.officials[0].email]);
		expect(renderContent(notes[0].kind, notes[0].payload, 'fr')?.body).toContain('Prénom : Apolline');

		// The same list again: everything is already in the register.
		const again = await previewInternships(coordinator, world.charterId, coordinatorMembership, files);
		expect(again.skipped).toBe(3);
		expect(again.payload).toEqual([]);
		expect(again.problems.filter((p) => p.level === 'warning' && /déjà au registre/.test(p.message))).toHaveLength(3);

		// The template the page offers reads back as it was written.
		const template = await buildWorkbook(
			[INTERNSHIP_SHEET],
			{ stagiaires: [{ ...rows[1], first_name: 'Daphné' }] },
			{ title: 'Modèle' }
		);
		const fromTemplate = await previewInternships(coordinator, world.charterId, coordinatorMembership, [
			{ name: 'modele-stagiaires.xlsx', data: template }
		]);
		expect(fromTemplate.problems.filter((p) => p.level === 'error')).toEqual([]);
		expect(fromTemplate.payload).toEqual([
			expect.objectContaining({ intern_first_name: 'Daphné', commune_code: SAINT_YRIEIX })
		]);
	});

	it('keeps a host organization’s representative to their own placements', async () => {
		const email = `rep.${world.tag}@example.com`;
		const repId = await createUser(su, email, 'Représentant de test');
		const [{ id: otherOrg }] = await su.query<{ id: string }>(
			`insert into public.organizations (name, kind) values ($1, 'etablissement_sante') returning id`,
			[`Autre structure ${world.tag}`]
		);
		try {
			await su.query(
				`insert into public.charter_members (charter_id, user_id, role, organization_id) values ($1, $2, 'partner_rep', $3)`,
				[world.charterId, repId, otherOrg]
			);
			const rep = await signInAs(email, WORLD_PASSWORD);
			const membership: Membership = { ...coordinatorMembership, role: 'partner_rep', organizationId: otherOrg };
			const rows = [
				{
					first_name: 'Eliott',
					profession: 'medecine',
					level: 'externe',
					host: world.hostName,
					commune: BELLAC,
					starts_on: inDays(40),
					ends_on: inDays(90)
				},
				{
					first_name: 'Fanny',
					profession: 'medecine',
					level: 'externe',
					host: `Autre structure ${world.tag}`,
					commune: BELLAC,
					starts_on: inDays(40),
					ends_on: inDays(90)
				}
			];
			const preview = await previewInternships(rep, world.charterId, membership, [
				{ name: 'liste.csv', data: new TextEncoder().encode(buildCsv(INTERNSHIP_SHEET, rows)) }
			]);
			expect(preview.payload).toBeNull();
			expect(preview.problems.filter((p) => p.level === 'error').map((p) => p.row)).toEqual([2]);
			// And the database refuses a forged payload all the same (RLS), importing nothing.
			const forged = await importInternships(rep, world.charterId, repId, [
				{
					intern_first_name: 'Eliott',
					intern_last_name: null,
					intern_email: null,
					profession: 'medecine',
					level: 'externe',
					specialty: null,
					faculty: null,
					supervisor_name: null,
					host_contact: null,
					host_organization_id: world.hostId,
					commune_code: BELLAC,
					starts_on: inDays(40),
					ends_on: inDays(90),
					housing: null,
					housing_note: null,
					status: 'planned'
				}
			]);
			expect(forged).toMatchObject({ ok: false, code: '42501' });
		} finally {
			await su.query('delete from public.charter_members where user_id = $1', [repId]);
			await su.query('delete from auth.users where id = $1', [repId]);
			await su.query('delete from public.organizations where id = $1', [otherOrg]);
		}
	});
});
