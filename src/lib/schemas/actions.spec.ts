import { describe, expect, it } from 'vitest';
import { actionUpdateSchema } from './actions.ts';

const base = {
	version: 3,
	status: 'in_progress',
	progress: '40',
	health: 'on_track',
	comment: '',
	indicatorId: '',
	measuredOn: '',
	value: null,
	note: ''
};
const errorsOf = (values: Record<string, unknown>) => {
	const result = actionUpdateSchema.safeParse({ ...base, ...values });
	return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('actionUpdateSchema', () => {
	it('takes a whole progress from 0 to 100 as typed', () => {
		for (const progress of ['0', '7', '100', ' 35 ']) expect(errorsOf({ progress })).toEqual({});
	});

	it('refuses an empty progress instead of reading it as 0', () => {
		expect(errorsOf({ progress: '' }).progress).toMatch(/^L'avancement est vide/);
		expect(errorsOf({ progress: '   ' }).progress).toMatch(/Un champ vide ne vaut pas 0 %/);
	});

	it('refuses a decimal progress with the rounding to choose, never cutting it', () => {
		expect(errorsOf({ progress: '45.5' }).progress).toContain('« 45.5 »');
		expect(errorsOf({ progress: '45,5' }).progress).toContain('par exemple à 46 %');
		expect(errorsOf({ progress: '12.25' }).progress).toContain('par exemple à 12 %');
		for (const progress of ['101', '-1', '1e2', '4O', '0x10'])
			expect(errorsOf({ progress }).progress).toContain(`« ${progress} »`);
	});

	it('refuses a comment over 4 000 characters with its length, and keeps one of 4 000', () => {
		expect(errorsOf({ comment: 'a'.repeat(4000) })).toEqual({});
		expect(errorsOf({ comment: 'a'.repeat(4321) }).comment).toMatch(
			/fait 4\s321 caractères, pour 4\s000 au plus \(321 de trop\)/
		);
	});

	it('asks for the indicator and the date of a value, and for the value of a note', () => {
		expect(Object.keys(errorsOf({ value: 3 })).sort()).toEqual(['indicatorId', 'measuredOn']);
		expect(
			errorsOf({ value: 0, indicatorId: '00000000-0000-4000-8000-000000000000', measuredOn: '2026-11-15' })
		).toEqual({});
		expect(Object.keys(errorsOf({ note: 'sans valeur' }))).toEqual(['value']);
	});

	it('keeps a done action at 100 %', () => {
		expect(Object.keys(errorsOf({ status: 'done', progress: '90' }))).toEqual(['progress']);
	});

	it('takes a typed comment with its text, and refuses one without, next to the comment', () => {
		expect(errorsOf({ kind: 'arbitrage', comment: 'Arbitrer le financement du local' })).toEqual({});
		expect(errorsOf({ kind: 'frein', comment: '   ' }).comment).toMatch(/^Un commentaire typé/);
		expect(errorsOf({ kind: 'inconnu', comment: 'x' }).kind).toBeDefined();
		expect(actionUpdateSchema.parse({ ...base, comment: 'Sans type' }).kind).toBe('');
	});
});
