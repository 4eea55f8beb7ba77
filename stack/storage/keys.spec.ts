import { describe, expect, it } from 'vitest';
import {
	contentDisposition,
	essence,
	isValidBucketName,
	keyProblem,
	mimeAllowed,
	parseSizeLimit,
	prefixProblem
} from './keys.ts';

describe('keyProblem', () => {
	it.each([
		'charte.pdf',
		'3f0c/actions/9a/preuve signée.pdf',
		"a/b c/(1) l'été & co=ok;+,$@.txt",
		'dossier/sous-dossier/fichier'
	])('accepts %s', (key) => expect(keyProblem(key)).toBeNull());

	it.each([
		['', 'empty'],
		['/a.pdf', 'leading slash'],
		['a//b.pdf', 'empty segment'],
		['a/', 'empty segment'],
		['a/../b.pdf', 'dot segment'],
		['../b.pdf', 'dot segment'],
		['a/./b.pdf', 'dot segment'],
		['..', 'dot segment'],
		['a\\b.pdf', 'backslash'],
		['a\u0000b', 'control character'],
		['a\nb', 'control character'],
		['a\u007fb', 'control character'],
		['a/ /b', 'blank segment'],
		['x'.repeat(1025), 'too long']
	])('refuses %j (%s)', (key, why) => expect(keyProblem(key)).toBe(why));

	it('counts the length in bytes, as S3 does', () => {
		expect(keyProblem('é'.repeat(512))).toBeNull();
		expect(keyProblem('é'.repeat(513))).toBe('too long');
	});
});

describe('prefixProblem', () => {
	it('accepts the root and folders with or without their slash, refuses tricks', () => {
		expect(prefixProblem('')).toBeNull();
		expect(prefixProblem('a/b/')).toBeNull();
		expect(prefixProblem('a/b')).toBeNull();
		expect(prefixProblem('a/../')).toBe('dot segment');
		expect(prefixProblem('/a')).toBe('leading slash');
	});
});

describe('isValidBucketName', () => {
	it('follows Supabase and refuses what would be a folder trick', () => {
		expect(isValidBucketName('charter-documents')).toBe(true);
		expect(isValidBucketName('a.b_c')).toBe(true);
		for (const name of ['', '.', '..', 'a/b', 'a\\b', ' a', 'x'.repeat(101), 'é', 42]) {
			expect(isValidBucketName(name)).toBe(false);
		}
	});
});

describe('mimeAllowed', () => {
	const allowed = ['application/pdf', 'image/*', 'text/plain'];
	it('matches exact types, wildcards, and ignores parameters and case', () => {
		expect(mimeAllowed('application/pdf', allowed)).toBe(true);
		expect(mimeAllowed('image/webp', allowed)).toBe(true);
		expect(mimeAllowed('text/plain;charset=UTF-8', allowed)).toBe(true);
		expect(mimeAllowed('Application/PDF', allowed)).toBe(true);
	});
	it('refuses other types and malformed ones', () => {
		expect(mimeAllowed('text/html', allowed)).toBe(false);
		expect(mimeAllowed('application/x-msdownload', allowed)).toBe(false);
		expect(mimeAllowed('image', allowed)).toBe(false);
		expect(mimeAllowed('', allowed)).toBe(false);
	});
	it('takes anything when the bucket allows any type', () => {
		expect(mimeAllowed('application/x-msdownload', null)).toBe(true);
		expect(mimeAllowed('application/x-msdownload', [])).toBe(true);
	});
	it('keeps the essence of a type', () => expect(essence(' Text/Plain ; charset=utf-8')).toBe('text/plain'));
});

describe('parseSizeLimit', () => {
	it('reads bytes and storage-js size strings', () => {
		expect(parseSizeLimit(20971520)).toBe(20971520);
		expect(parseSizeLimit('20MB')).toBe(20971520);
		expect(parseSizeLimit('30kb')).toBe(30720);
		expect(parseSizeLimit('3B')).toBe(3);
		expect(parseSizeLimit('1.5GB')).toBe(1610612736);
		expect(parseSizeLimit(null)).toBeNull();
		expect(parseSizeLimit(undefined)).toBeNull();
	});
	it('refuses anything else with Supabase message', () => {
		for (const value of ['20 parsecs', -1, 1.5, {}, 'MB']) {
			expect(() => parseSizeLimit(value)).toThrow('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
		}
	});
});

describe('contentDisposition', () => {
	it('gives an ASCII fallback and the UTF-8 name', () => {
		expect(contentDisposition('procès "verbal".pdf')).toBe(
			`attachment; filename="proc_s _verbal_.pdf"; filename*=UTF-8''proc%C3%A8s%20%22verbal%22.pdf`
		);
	});
});
