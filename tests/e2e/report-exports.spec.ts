/**
 * Exports people can use (issue 13): real Excel dates, each action's contributors and latest comment, key
 * figures under their labels.
 */
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { signIn } from './helpers.ts';
import { sql } from '../helpers/env.ts';

interface ActionFacts {
	code: string;
	due_on: string | null;
	contributors: string[];
	comment: string | null;
}

async function haute_vienne(): Promise<ActionFacts[]> {
	return sql<ActionFacts>(
		`select a.code, to_char(a.due_on, 'YYYY-MM-DD') as due_on,
		   array(select coalesce(o.short_name, o.name) from public.action_partners ap
		         join public.organizations o on o.id = ap.organization_id
		         where ap.action_id = a.id and ap.role = 'contributor') as contributors,
		   (select u.comment from public.action_updates u where u.action_id = a.id and u.comment is not null
		    order by u.created_at desc limit 1) as comment
		 from public.actions a join public.charters c on c.id = a.charter_id
		 where c.slug = 'haute-vienne' and a.archived_at is null`
	);
}

test.describe('dashboard exports', () => {
	test('the workbook has real dates shown dd/mm/yyyy, contributors, latest comments and labelled figures', async ({
		page
	}) => {
		await signIn(page, 'copil.hv@example.org');
		await page.goto('/chartes/haute-vienne/tableau-de-bord');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Classeur Excel' }).click()
		]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.readFile((await download.path())!);

		const sheet = book.getWorksheet('Actions')!;
		const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
		const col = (name: string) => {
			const i = header.indexOf(name);
			expect(i, name).toBeGreaterThan(0);
			return i;
		};
		const facts = await haute_vienne();
		expect(sheet.rowCount - 1).toBe(facts.length);
		let dates = 0;
		sheet.eachRow((row, n) => {
			if (n === 1) return;
			const f = facts.find((x) => x.code === row.getCell(col('N°')).value)!;
			expect(f, `row ${n}`).toBeTruthy();
			const due = row.getCell(col('Échéance'));
			if (f.due_on) {
				expect(due.value).toBeInstanceOf(Date);
				expect((due.value as Date).toISOString().slice(0, 10)).toBe(f.due_on);
				expect(due.numFmt).toBe('dd/mm/yyyy');
				dates++;
			} else expect(due.value ?? null).toBeNull();
			const contributors = String(row.getCell(col('Partenaires contributeurs')).value ?? '');
			for (const c of f.contributors) expect(contributors).toContain(c);
			expect(row.getCell(col('Dernier commentaire')).value ?? null).toBe(f.comment);
			if (f.comment) expect(row.getCell(col('Date du dernier commentaire')).value).toBeInstanceOf(Date);
		});
		expect(dates).toBeGreaterThan(0);

		const figures = book.getWorksheet('Chiffres clés')!;
		expect(figures.getRow(1).getCell(1).value).toBe('Chiffre clé');
		expect(figures.getRow(2).getCell(1).value).toBe('Actions au total');
		expect(figures.getRow(2).getCell(2).value).toBe(facts.length);
		figures.eachRow((row) => expect(String(row.getCell(1).value)).not.toMatch(/^[a-z]+(_[a-z]+)+$/));
		const asOf = figures.getRow(figures.rowCount);
		expect(asOf.getCell(1).value).toBe('Données au');
		expect(asOf.getCell(2).value).toBeInstanceOf(Date);
		expect(asOf.getCell(2).numFmt).toBe('dd/mm/yyyy');
	});

	test('the action CSV has the contributors and the latest comment of each action', async ({ page }) => {
		await signIn(page, 'ars.na@example.org');
		const response = await page.request.get('/chartes/haute-vienne/tableau-de-bord/export.csv');
		const rows = Papa.parse<Record<string, string>>((await response.text()).replace(/^\ufeff/, ''), {
			header: true,
			delimiter: ';',
			skipEmptyLines: true
		}).data;
		const facts = await haute_vienne();
		expect(rows).toHaveLength(facts.length);
		for (const f of facts) {
			const row = rows.find((r) => r['N°'] === f.code)!;
			for (const c of f.contributors) expect(row['Partenaires contributeurs']).toContain(c);
			expect(row['Dernier commentaire']).toBe(f.comment ?? '');
		}
	});
});
