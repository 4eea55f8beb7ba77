/**
 * validateInternships without a database: the good rows and the rows to insert, each kind of error with its
 * row and column, the placements already in the register, a representative kept to their own organization,
 * and what is read before validating.
 */
import { describe, expect, test } from 'vitest';
import type { ParsedRow, Problem } from '../spreadsheet/types.ts';
import { monthsAfter } from '#lib/domain/dates.js';
import { identity, namesOf, validateInternships, type InternshipContext } from './validate.ts';

const MSP = 'msp-id';

function context(overrides: Partial<InternshipContext> = {}): InternshipContext {
	return {
		organizations: new Map([
			['msp saint yrieix', [MSP]],
			['cpts', ['cpts-a', 'cpts-b']]
		]),
		communeCodes: new Set(['87187', '87011']),
		communesByName: new Map([
			['bellac', ['87011']],
			['saint martin', ['1', '2', '3']]
		]),
		existing: new Set([identity('Zoé', 'Durand', '2026-11-02')]),
		importer: { role: 'coordinator', organizationId: null },
		...overrides
	};
}

const good = {
	first_name: 'Léa',
	last_name: 'Bernard',
	profession: 'medecine',
	level: 'interne',
	host: 'MSP Saint-Yrieix',
	commune: '87187',
	starts_on: '2026-11-02',
	ends_on: '2027-04-30'
};

function list(values: Partial<Record<string, string | null>>[], problems: Problem[] = []) {
	const rows: ParsedRow[] = values.map((v, i) => ({ row: i + 2, values: { ...good, ...v } }));
	return { rows, problems };
}

const errors = (problems: Problem[]) =>
	problems.filter((p) => p.level === 'error').map((p) => `${p.row}|${p.column}|${p.message}`);

describe('validateInternships', () => {
	test("a placement longer than a docteur junior's year is refused, with its dates", () => {
		expect(monthsAfter('2026-08-31', 6)).toBe('2027-02-28');
		expect(monthsAfter('2026-11-02', 12)).toBe('2027-11-02');
		const preview = validateInternships(
			list([
				{ starts_on: '2026-11-02', ends_on: '2027-11-02' },
				{ first_name: 'Hugo', starts_on: '2026-11-02', ends_on: '2027-11-03' }
			]),
			context()
		);
		expect(errors(preview.problems)).toEqual([
			"3|Fin|Stage de plus de 12 mois (du 02/11/2026 au 03/11/2027) : vérifiez les dates d'arrivée et de fin."
		]);
		expect(preview.payload).toBeNull();
	});

	test('good rows become the rows to insert, planned unless the file says otherwise', () => {
		const preview = validateInternships(
			list([
				{ email: 'Lea.Bernard@Example.org', housing: 'logement_communal', supervisor: 'Dr Faure' },
				{ first_name: 'Hugo', commune: 'Bellac', status: 'confirmed' }
			]),
			context()
		);
		expect(preview.problems).toEqual([]);
		expect(preview.payload).toEqual([
			{
				intern_first_name: 'Léa',
				intern_last_name: 'Bernard',
				intern_email: 'lea.bernard@example.org',
				profession: 'medecine',
				level: 'interne',
				specialty: null,
				faculty: null,
				supervisor_name: 'Dr Faure',
				host_contact: null,
				host_organization_id: MSP,
				commune_code: '87187',
				starts_on: '2026-11-02',
				ends_on: '2027-04-30',
				housing: 'logement_communal',
				housing_note: null,
				status: 'planned'
			},
			expect.objectContaining({ intern_first_name: 'Hugo', commune_code: '87011', status: 'confirmed' })
		]);
		expect(preview.sheets).toEqual([{ name: 'stagiaires', title: 'Stagiaires du semestre', rows: 2, created: 2 }]);
		expect(preview.confirmed).toBe(1);
		expect(preview.skipped).toBe(0);
	});

	test('each kind of error, in its row and column, and nothing to insert', () => {
		const preview = validateInternships(
			list([
				{ email: 'pas-une-adresse' },
				{ first_name: 'Hugo', starts_on: '2027-05-01' },
				{ first_name: 'Inès', host: 'Clinique inconnue' },
				{ first_name: 'Jules', host: 'CPTS' },
				{ first_name: 'Karim', commune: '99999' },
				{ first_name: 'Lina', commune: 'Saint-Martin' },
				{ first_name: 'Marc', commune: 'Nulle-Part' },
				{ first_name: 'Nina' },
				{ first_name: 'nina' }
			]),
			context()
		);
		expect(preview.payload).toBeNull();
		expect(errors(preview.problems)).toEqual([
			'2|E-mail|Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.',
			"3|Fin|La date de fin doit suivre la date d'arrivée.",
			expect.stringMatching(/^4\|Structure d’accueil\|« Clinique inconnue » n'est pas dans l'annuaire/),
			expect.stringMatching(/^5\|Structure d’accueil\|.*« CPTS »/),
			'6|Commune|Aucune commune ne porte le code INSEE 99999.',
			'7|Commune|Communes nommées « Saint-Martin » en France : 3. Indiquez le code INSEE.',
			expect.stringMatching(/^8\|Commune\|.*« Nulle-Part »/),
			'10|Prénom|Ce stage figure déjà ligne 9 du fichier.'
		]);
	});

	test('a representative names only their own organization as host', () => {
		const importer = { role: 'partner_rep' as const, organizationId: 'other-org' };
		const refused = validateInternships(list([{}]), context({ importer }));
		expect(errors(refused.problems)).toEqual([expect.stringMatching(/^2\|Structure d’accueil\|/)]);
		const own = validateInternships(list([{}]), context({ importer: { ...importer, organizationId: MSP } }));
		expect(own.problems).toEqual([]);
		expect(own.payload).toHaveLength(1);
	});

	test('a placement already in the register is skipped with a remark, not an error', () => {
		const preview = validateInternships(
			list([{ first_name: 'Zoé', last_name: 'Durand' }, { first_name: 'Léa' }]),
			context()
		);
		expect(preview.problems).toEqual([
			{ level: 'warning', sheet: 'stagiaires', row: 2, column: null, message: expect.stringMatching(/Zoé Durand/) }
		]);
		expect(preview.skipped).toBe(1);
		expect(preview.payload?.map((r) => r.intern_first_name)).toEqual(['Léa']);
		// Importing the same list twice adds nothing, and that is not an error either.
		const again = validateInternships(list([{ first_name: 'Zoé', last_name: 'Durand' }]), context());
		expect(again.payload).toEqual([]);
		expect(again.sheets[0].created).toBe(0);
	});

	test('a list with no row to import is an error; a row missing what is required is left out', () => {
		const empty = validateInternships({ rows: [], problems: [] }, context());
		expect(empty.payload).toBeNull();
		expect(empty.problems).toEqual([
			{ level: 'error', sheet: 'stagiaires', row: null, column: null, message: expect.any(String) }
		]);
		const incomplete = validateInternships(list([{ level: null }, {}]), context());
		expect(incomplete.payload).toHaveLength(1);
	});

	test('a problem from reading or parsing the file keeps the rows back', () => {
		const parsing: Problem = { level: 'error', sheet: 'stagiaires', row: 2, column: 'Niveau', message: 'inconnu' };
		const preview = validateInternships(list([{ level: null }, {}], [parsing]), context());
		expect(preview.problems[0]).toBe(parsing);
		expect(preview.payload).toBeNull();
		expect(preview.sheets[0].created).toBe(1);
	});
});

describe('what is read before validating', () => {
	test('the hosts, commune codes and commune names the rows name, once each', () => {
		const { rows } = list([
			{ commune: '87187' },
			{ commune: '2a004', host: 'CPTS' },
			{ commune: 'Saint-Martin' },
			{ commune: 'saint martin', host: null }
		]);
		expect(namesOf(rows)).toEqual({
			hosts: ['MSP Saint-Yrieix', 'CPTS'],
			codes: ['87187', '2A004'],
			names: ['saint martin']
		});
	});

	test('a placement is known by first name, last name and arrival, without regard to case or accents', () => {
		expect(identity('Zoé', 'Durand', '2026-11-02')).toBe(identity('ZOE', 'durand', '2026-11-02'));
		expect(identity('Zoé', null, '2026-11-02')).not.toBe(identity('Zoé', 'Durand', '2026-11-02'));
	});
});
