/**
 * No point médian (élu·e, Connecté·e, Coordinateur·rice) in what people read: public bodies avoid it and screen
 * readers read it badly. Epicene words or the role's name instead ("Coordination", "Élu ou élue"). Scans every
 * message file, Svelte file, e-mail template (notifications and the local auth e-mails) and migration.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BETWEEN_LETTERS = /\p{L}[·•⋅∙]\p{L}/gu;

function files(dir: string, keep: (path: string) => boolean): string[] {
	return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name))
		.filter((path) => !path.includes(`${join('src', 'lib', 'paraglide')}`) && keep(path));
}

const SCANNED = [
	...files('messages', (p) => p.endsWith('.json')),
	...files('src', (p) => p.endsWith('.svelte')),
	...files(join('src', 'lib', 'server', 'notifications'), (p) => p.endsWith('.ts') && !p.endsWith('.spec.ts')),
	...files(join('stack', 'auth'), (p) => p.endsWith('.ts')),
	...files(join('supabase', 'migrations'), (p) => p.endsWith('.sql'))
];

describe('wording', () => {
	it('scans the files people read', () => {
		expect(SCANNED.filter((p) => p.endsWith('.json')).length).toBeGreaterThan(5);
		expect(SCANNED.filter((p) => p.endsWith('.svelte')).length).toBeGreaterThan(20);
		expect(SCANNED.filter((p) => p.endsWith('.sql')).length).toBeGreaterThan(5);
		expect(SCANNED.some((p) => p.endsWith('templates.ts'))).toBe(true);
	});

	it('has no point médian between letters', () => {
		const found = SCANNED.flatMap((path) =>
			readFileSync(path, 'utf8')
				.split('\n')
				.flatMap((line, i) =>
					[...line.matchAll(BETWEEN_LETTERS)].map((m) => `${path.slice(ROOT.length + 1)}:${i + 1}: …${m[0]}…`)
				)
		);
		expect(found, found.join('\n')).toEqual([]);
	});

	it('would catch one', () => {
		expect('un·e élu·e'.match(BETWEEN_LETTERS)).toHaveLength(2);
		expect('87011 · 87'.match(BETWEEN_LETTERS)).toBeNull();
	});
});
