/**
 * The placement dates the database accepts: the same rule as the form and the imports (#lib/domain/dates.ts),
 * so that a payload sent by other means is refused too (issue 13: 02/05/0202 to 01/11/0203 was accepted).
 */
import { describe, expect, it } from 'vitest';
import { sql } from '../helpers/env.ts';

const HV = "(select id from public.charters where slug = 'haute-vienne')";
const HOST = '(select host_organization_id from public.internships limit 1)';

async function insertPlacement(startsOn: string, endsOn: string): Promise<string | null> {
	try {
		await sql(
			`insert into public.internships (charter_id, intern_first_name, profession, level, host_organization_id, commune_code, starts_on, ends_on)
			 values (${HV}, 'Test', 'medecine', 'externe', ${HOST}, '87011', $1, $2) returning id`,
			[startsOn, endsOn]
		);
		await sql(`delete from public.internships where intern_first_name = 'Test' and starts_on = $1`, [startsOn]);
		return null;
	} catch (error) {
		return (error as { code?: string }).code ?? 'error';
	}
}

describe('internships: plausible dates', () => {
	it('refuses a year typed on three digits, a placement of more than a year, and a day that does not exist', async () => {
		expect(await insertPlacement('0202-05-02', '0203-11-01')).toBe('23514');
		expect(await insertPlacement('2026-11-02', '2027-11-03')).toBe('23514');
		expect(await insertPlacement('2101-01-01', '2101-02-01')).toBe('23514');
		expect(await insertPlacement('2026-06-31', '2026-08-31')).toBe('22008');
	});

	it('accepts a year-long placement', async () => {
		expect(await insertPlacement('2026-11-02', '2027-11-02')).toBeNull();
	});
});
