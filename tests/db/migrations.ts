/**
 * Reads the SQL functions that the migrations define, from the files themselves (no database needed).
 *
 * The rule it serves (docs/architecture.md): until the first release there is one migration per feature and
 * each function is defined once; from the first release on, migrations are append-only and a changed function
 * is replaced (`create or replace`) in a new migration. `supabase/RELEASES` names the last
 * migration of each release: a function may be defined once per release, never twice in the same one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../supabase/migrations');

export interface FunctionDefinition {
	/** `schema.name(type, type)`: the input argument types, as Postgres tells overloads apart. */
	signature: string;
	file: string;
}

/**
 * The text with its comments, quoted identifiers and the contents of its string literals (quoted or dollar-quoted)
 * blanked out.
 */
export function stripSql(text: string): string {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const rest = text.slice(i, i + 2);
		if (rest === '--') {
			const end = text.indexOf('\n', i);
			i = end === -1 ? text.length : end;
		} else if (rest === '/*') {
			const end = text.indexOf('*/', i + 2);
			i = end === -1 ? text.length : end + 2;
			out += ' ';
		} else if (text[i] === '"') {
			// A quoted identifier (a policy's name may hold an apostrophe: "the action's partners").
			let end = i + 1;
			while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
			i = end + 1;
			out += '""';
		} else if (text[i] === "'") {
			let end = i + 1;
			while (end < text.length && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" ? 2 : 1;
			i = end + 1;
			out += "''";
		} else {
			const tag = /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i, i + 64));
			if (tag && !/\w/.test(text[i - 1] ?? '')) {
				const end = text.indexOf(tag[0], i + tag[0].length);
				i = end === -1 ? text.length : end + tag[0].length;
				out += ' ';
			} else {
				out += text[i];
				i++;
			}
		}
	}
	return out;
}

const TYPE_ALIASES: Record<string, string> = {
	int: 'integer',
	int4: 'integer',
	int8: 'bigint',
	int2: 'smallint',
	bool: 'boolean',
	varchar: 'character varying',
	timestamptz: 'timestamp with time zone',
	timestamp: 'timestamp without time zone',
	float8: 'double precision',
	decimal: 'numeric'
};
const MODES = new Set(['in', 'inout', 'variadic']);

/** `p_id uuid default null` → `uuid`; OUT arguments → null (not part of the identity). */
function argumentType(arg: string): string | null {
	const withoutDefault = arg.replace(/\s+(default\b|=)[\s\S]*$/i, '').trim();
	let tokens = withoutDefault.split(/\s+/).filter(Boolean);
	if (tokens[0]?.toLowerCase() === 'out') return null;
	if (tokens.length > 1 && MODES.has(tokens[0].toLowerCase())) tokens = tokens.slice(1);
	// Every argument of this schema is named (p_...); a bare type has a single token.
	if (tokens.length > 1) tokens = tokens.slice(1);
	const type = tokens
		.join(' ')
		.toLowerCase()
		.replace(/^public\./, '');
	const array = type.endsWith('[]') ? '[]' : '';
	const base = array ? type.slice(0, -2) : type;
	return (TYPE_ALIASES[base] ?? base) + array;
}

/** Splits `a, b(c, d), e` at the commas outside parentheses. */
function splitTopLevel(list: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of list) {
		if (char === '(') depth++;
		if (char === ')') depth--;
		if (char === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else current += char;
	}
	if (current.trim()) parts.push(current);
	return parts;
}

/** Every `create [or replace] function schema.name(...)` of one file's text, in order. */
export function functionSignatures(sqlText: string): string[] {
	const text = stripSql(sqlText);
	const signatures: string[] = [];
	const header = /\bcreate\s+(?:or\s+replace\s+)?function\s+([a-z_][\w]*)\.([a-z_][\w]*)\s*\(/gi;
	for (let match = header.exec(text); match; match = header.exec(text)) {
		let depth = 1;
		let end = header.lastIndex;
		while (end < text.length && depth > 0) {
			if (text[end] === '(') depth++;
			if (text[end] === ')') depth--;
			end++;
		}
		const args = splitTopLevel(text.slice(header.lastIndex, end - 1))
			.map(argumentType)
			.filter((type): type is string => type !== null);
		signatures.push(`${match[1].toLowerCase()}.${match[2].toLowerCase()}(${args.join(', ')})`);
	}
	return signatures;
}

/** The migration files in the order the Supabase CLI applies them. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
	return readdirSync(dir)
		.filter((file) => /^\d{14}_[a-z0-9_]+\.sql$/.test(file))
		.sort();
}

/** The last migration of each release, from `RELEASES` (one file name per line, `#` comments). */
export function releaseMarkers(dir = MIGRATIONS_DIR): string[] {
	// Beside the migrations folder, not in it: the Supabase CLI expects only `<timestamp>_<name>.sql` files there.
	return readFileSync(path.join(dir, '..', 'RELEASES'), 'utf8')
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim())
		.filter(Boolean)
		.map((line) => line.split(/\s+/)[0]);
}

/** The migrations grouped by release: each released one, then those not released yet (possibly none). */
export function releases(files: string[], markers: string[]): string[][] {
	const groups: string[][] = [[]];
	for (const file of files) {
		groups[groups.length - 1].push(file);
		if (markers.includes(file)) groups.push([]);
	}
	return groups.filter((group) => group.length > 0);
}

/** Functions defined more than once within one release, with the files that define them. */
export function duplicateDefinitions(
	groups: string[][],
	read: (file: string) => string
): { signature: string; files: string[] }[] {
	const duplicates: { signature: string; files: string[] }[] = [];
	for (const group of groups) {
		const seen = new Map<string, string[]>();
		for (const file of group)
			for (const signature of functionSignatures(read(file)))
				seen.set(signature, [...(seen.get(signature) ?? []), file]);
		for (const [signature, files] of seen) if (files.length > 1) duplicates.push({ signature, files });
	}
	return duplicates;
}
