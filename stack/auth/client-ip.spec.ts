import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, normalizeIp, parseSbForwardedFor, resolveClientIp } from './client-ip.ts';

const SECRET = 'sb_secret_test';

function request(headers: Record<string, string>, remoteAddress = '::ffff:127.0.0.1'): http.IncomingMessage {
	return { headers, socket: { remoteAddress } } as unknown as http.IncomingMessage;
}

describe('Sb-Forwarded-For parsing (GoTrue internal/sbff)', () => {
	it('takes the leftmost value when it is an IP address, as net.ParseIP(...).String() prints it', () => {
		expect(parseSbForwardedFor('192.168.1.100')).toBe('192.168.1.100');
		expect(parseSbForwardedFor('192.168.1.100    ,60.60.60.60')).toBe('192.168.1.100');
		expect(parseSbForwardedFor('2600:1000:CAFE:bead:0:0:0:1')).toBe('2600:1000:cafe:bead::1');
		expect(parseSbForwardedFor('::ffff:203.0.113.9')).toBe('203.0.113.9');
		expect(parseSbForwardedFor('::ffff:cb00:7109')).toBe('203.0.113.9');
	});

	it('refuses anything else, without looking further', () => {
		expect(parseSbForwardedFor('invalid, 60.60.60.60')).toBeNull();
		expect(parseSbForwardedFor('')).toBeNull();
		expect(parseSbForwardedFor(undefined)).toBeNull();
		expect(parseSbForwardedFor('010.0.0.1')).toBeNull();
		expect(parseSbForwardedFor('fe80::1%eth0')).toBeNull();
		expect(normalizeIp('203.0.113.9:443')).toBeNull();
	});
});

describe('the client address of a request', () => {
	const trust = { secretKey: SECRET, sbForwardedFor: true, gatewayToken: 'gw-token' };

	it('is the Sb-Forwarded-For of a request made with the secret key', () => {
		const req = request({ apikey: SECRET, 'sb-forwarded-for': '198.51.100.4' });
		expect(resolveClientIp(req, trust)).toBe('198.51.100.4');
		expect(clientIp(req)).toBe('198.51.100.4');
	});

	it('ignores Sb-Forwarded-For with any other key, or when forwarding is off', () => {
		for (const apikey of ['anon-jwt', 'sb_publishable_x', SECRET.slice(0, -1), '']) {
			expect(resolveClientIp(request({ apikey, 'sb-forwarded-for': '198.51.100.4' }), trust)).toBe('127.0.0.1');
		}
		const off = { ...trust, sbForwardedFor: false };
		expect(resolveClientIp(request({ apikey: SECRET, 'sb-forwarded-for': '198.51.100.4' }), off)).toBe('127.0.0.1');
	});

	it('believes X-Forwarded-For only with the gateway token', () => {
		const spoofed = request({ 'x-forwarded-for': '10.1.2.3' });
		expect(resolveClientIp(spoofed, trust)).toBe('127.0.0.1');
		expect(resolveClientIp(request({ 'x-forwarded-for': '10.1.2.3', 'x-stack-gateway': 'guess' }), trust)).toBe(
			'127.0.0.1'
		);
		const gateway = request({ 'x-forwarded-for': '10.1.2.3', 'x-stack-gateway': 'gw-token' });
		expect(resolveClientIp(gateway, trust)).toBe('10.1.2.3');
		// An emulator started without a gateway never believes it.
		expect(resolveClientIp(gateway, { ...trust, gatewayToken: undefined })).toBe('127.0.0.1');
	});

	it('falls back from an unreadable Sb-Forwarded-For to the next rule', () => {
		const req = request({ apikey: SECRET, 'sb-forwarded-for': 'nope', 'x-forwarded-for': '10.9.9.9' }, '127.0.0.5');
		expect(resolveClientIp(req, { ...trust, gatewayToken: undefined })).toBe('127.0.0.5');
		expect(
			resolveClientIp({ ...req, headers: { ...req.headers, 'x-stack-gateway': 'gw-token' } } as never, trust)
		).toBe('10.9.9.9');
	});
});
