/**
 * The runners of the RLS matrices (tests/db/rls-matrix*.test.ts): each case runs one request through supabase-js
 * as someone and reports its error and whether its effect is in the database, checked as the superuser.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import type { SuperuserPool } from './demo.ts';

export type Op = 'select' | 'insert' | 'update' | 'delete' | 'rpc';
export type Expected = 'ok' | 'none' | '42501' | '23505' | '23514' | 'PT400' | 'PT403' | 'PT404' | 'PT409';
export type Row = Record<string, unknown>;
export interface Outcome {
	error: { code: string; message: string } | null;
	effect: boolean;
}
export type Runner = (db: SupabaseClient) => Promise<Outcome>;
export interface Case<Who extends string> {
	who: Who;
	op: Op;
	table: string;
	what: string;
	expected: Expected;
	run: Runner;
}
interface ChangeOptions {
	/** Creates or resets the target row (as the superuser) before the request. */
	prepare?: () => Promise<unknown>;
	/** Puts a seeded row back as it was, whatever happened. */
	restore?: () => Promise<unknown>;
}

/** `appendOnly`: tables whose rows a runner never deletes afterwards (the journal refuses it). */
export function rlsRunners(su: SuperuserPool, appendOnly: string[] = []) {
	const where = (match: Row, from = 1) => {
		const keys = Object.keys(match);
		return {
			text: keys.map((k, i) => `${k} is not distinct from $${i + from}`).join(' and '),
			values: keys.map((k) => match[k])
		};
	};
	async function countRows(table: string, match: Row): Promise<number> {
		const w = where(match);
		const [row] = await su.query<{ n: string }>(`select count(*) as n from public.${table} where ${w.text}`, w.values);
		return Number(row.n);
	}
	const errorOf = (error: { code?: string; message: string } | null) =>
		error ? { code: error.code ?? '', message: error.message } : null;

	/** Rows matching `match` must exist (else the case proves nothing); effect = the client sees at least one. */
	function read(table: string, match: () => Row): Runner {
		return async (db) => {
			const m = match();
			expect(await countRows(table, m), `${table} ${JSON.stringify(m)} exists`).toBeGreaterThan(0);
			// Only the keys: whether the rows are visible is the question here (which columns anon may read is
			// checked in tests/db/trust.test.ts).
			const { data, error } = await db.from(table).select(Object.keys(m).join(', ')).match(m);
			return { error: errorOf(error), effect: (data?.length ?? 0) > 0 };
		};
	}

	/** Inserts `row` (return=minimal); effect = the row is in the table. Removes it afterwards. */
	function create(table: string, row: () => Row, key?: string[]): Runner {
		return async (db) => {
			const r = row();
			const k = key ?? ['id'];
			const match = Object.fromEntries(k.map((c) => [c, r[c]]));
			try {
				const { error } = await db.from(table).insert(r);
				return { error: errorOf(error), effect: (await countRows(table, match)) > 0 };
			} finally {
				if (!appendOnly.includes(table)) {
					const w = where(match);
					await su.query(`delete from public.${table} where ${w.text}`, w.values);
				}
			}
		};
	}

	/** Updates the rows matching `match` with `patch`; effect = the database holds the patched values. */
	function change(table: string, match: () => Row, patch: () => Row, options: ChangeOptions = {}): Runner {
		return async (db) => {
			try {
				await options.prepare?.();
				const m = match();
				const p = patch();
				expect(await countRows(table, m), `${table} ${JSON.stringify(m)} exists`).toBeGreaterThan(0);
				expect(await countRows(table, { ...m, ...p }), 'the patch changes something').toBe(0);
				const { error } = await db.from(table).update(p).match(m);
				return { error: errorOf(error), effect: (await countRows(table, { ...m, ...p })) > 0 };
			} finally {
				await options.restore?.();
			}
		};
	}

	/** `prepare` creates a fresh row (as the superuser) and returns its key; effect = the row is gone. */
	function remove(
		table: string,
		prepare: () => Promise<Row>,
		options: { restore?: () => Promise<unknown> } = {}
	): Runner {
		return async (db) => {
			const m = await prepare();
			try {
				expect(await countRows(table, m), `${table} ${JSON.stringify(m)} exists`).toBe(1);
				const { error } = await db.from(table).delete().match(m);
				return { error: errorOf(error), effect: (await countRows(table, m)) === 0 };
			} finally {
				if (options.restore) await options.restore();
				else if (!appendOnly.includes(table)) {
					const w = where(m);
					await su.query(`delete from public.${table} where ${w.text}`, w.values).catch(() => undefined);
				}
			}
		};
	}

	async function put(table: string, row: Row): Promise<Row> {
		const keys = Object.keys(row);
		await su.query(
			`insert into public.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})
			 on conflict do nothing`,
			keys.map((k) => row[k])
		);
		return row;
	}
	async function drop(table: string, match: Row): Promise<void> {
		const w = where(match);
		await su.query(`delete from public.${table} where ${w.text}`, w.values);
	}
	async function set(table: string, match: Row, values: Row): Promise<void> {
		const keys = Object.keys(values);
		const w = where(match, keys.length + 1);
		await su.query(`update public.${table} set ${keys.map((k, i) => `${k} = $${i + 1}`).join(', ')} where ${w.text}`, [
			...keys.map((k) => values[k]),
			...w.values
		]);
	}

	/** A custom check: runs `body` and reports its outcome; `body` may assert more (shapes, counts). */
	function custom(body: (db: SupabaseClient) => Promise<Outcome>): Runner {
		return body;
	}

	return { where, countRows, errorOf, read, create, change, remove, put, drop, set, custom };
}

/** One test per case, grouped by table: the outcome the access table promises. */
export function describeCases<Who extends string>(cases: Case<Who>[], clients: Record<Who, SupabaseClient>): void {
	describe.each(
		[...new Set(cases.map((k) => k.table))].map((table) => ({ table, list: cases.filter((k) => k.table === table) }))
	)('$table', ({ list }) => {
		it.each(list.map((k) => ({ ...k, label: `${k.who} ${k.op} ${k.what} → ${k.expected}` })))('$label', async (k) => {
			const outcome = await k.run(clients[k.who]);
			if (k.expected === 'ok') {
				expect(outcome.error).toBeNull();
				expect(outcome.effect, 'the effect is in the database').toBe(true);
			} else if (k.expected === 'none') {
				expect(outcome.error).toBeNull();
				expect(outcome.effect, 'nothing visible or changed').toBe(false);
			} else {
				expect(outcome.error?.code, outcome.error?.message ?? 'no error').toBe(k.expected);
				expect(outcome.effect, 'nothing changed').toBe(false);
			}
		});
	});
}
