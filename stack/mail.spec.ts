import { describe, expect, it } from 'vitest';
import { framedHtml } from './mail.ts';

describe('the dev mailbox', () => {
	it('opens the links of a message’s HTML in a new tab, not inside the sandboxed frame', () => {
		expect(framedHtml('<html><head><meta charset="utf-8"></head><body><a href="x">x</a></body></html>')).toBe(
			'<html><head><base target="_blank"><meta charset="utf-8"></head><body><a href="x">x</a></body></html>'
		);
		expect(framedHtml('<p><a href="x">x</a></p>')).toBe('<base target="_blank"><p><a href="x">x</a></p>');
	});
});
