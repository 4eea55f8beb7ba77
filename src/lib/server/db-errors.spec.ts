import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '#lib/paraglide/runtime.js';
import { dbErrorMessage, dbErrorStatus, translateDbMessage } from './db-errors.ts';

const inLocale = (locale: 'fr' | 'en') => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(() => baseLocale));

describe('database errors', () => {
	it('keeps a refusal a 4xx, and an unknown failure a 503, never a 500', () => {
		expect(dbErrorStatus({ code: 'PT409' })).toBe(409);
		expect(dbErrorStatus({ code: 'PT418' })).toBe(400);
		expect(dbErrorStatus({ code: '42501' })).toBe(403);
		expect(dbErrorStatus({ code: '23505' })).toBe(409);
		expect(dbErrorStatus({ code: '22P02' })).toBe(400);
		expect(dbErrorStatus({ code: 'XX000' })).toBe(503);
	});

	it('gives the schema’s French messages in English to English users', () => {
		inLocale('en');
		const conflict = {
			code: 'PT409',
			message: 'Cette action a un historique : archivez-la plutôt que de la supprimer, son journal sera conservé.'
		};
		expect(dbErrorMessage(conflict)).toBe(
			'This action has a history: archive it rather than delete it, and its journal will be kept.'
		);
		expect(dbErrorMessage({ code: 'PT400', message: 'Commune inconnue (code INSEE 2A004).' })).toBe(
			'Unknown commune (INSEE code 2A004).'
		);
		expect(dbErrorMessage({ code: 'PT409', message: "L'avenant n° 2 est déjà signé (le 12/03/2026)." })).toBe(
			'Amendment no. 2 is already signed (on 12/03/2026).'
		);
		expect(
			dbErrorMessage({ code: 'PT403', message: "Le fichier d'un document ne change pas : déposez-en un nouveau." })
		).toBe("A document's file does not change: upload a new one.");
		expect(dbErrorMessage({ code: '42501', message: 'new row violates row-level security policy' })).not.toMatch(
			/row-level|[àéè]/
		);
	});

	it('keeps them as the schema wrote them in French, and unknown ones as they are', () => {
		inLocale('fr');
		const text = "L'objectif de cette action est archivé : restaurez d'abord l'objectif.";
		expect(dbErrorMessage({ code: 'PT409', message: text })).toBe(text);
		inLocale('en');
		expect(translateDbMessage('Un message que la table ne connaît pas.')).toBe(
			'Un message que la table ne connaît pas.'
		);
	});
});
