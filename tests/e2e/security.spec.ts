import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** The headers every response carries, whatever answers it (src/lib/server/security-headers.ts). */
function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
	expect(headers['permissions-policy'], what).toContain('camera=()');
	expect(headers['x-frame-options'], what).toBe('DENY');
	expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
	// Served over plain http here: HSTS is only sent over https.
	expect(headers['strict-transport-security'], what).toBeUndefined();
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

test.describe('hardening', () => {
	test('pages carry a nonce-based CSP, anti-framing, referrer and permissions policies', async ({ request }) => {
		const response = await request.get('/connexion');
		expect(response.status()).toBe(200);
		const headers = response.headers();
		const csp = headers['content-security-policy'] ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'/);
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("form-action 'self'");
		expect(headers['x-frame-options']).toBe('DENY');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		expect(headers['permissions-policy']).toContain('camera=()');
		// Served over plain http here: HSTS is only sent over https.
		expect(headers['strict-transport-security']).toBeUndefined();
		// The inline bootstrap script carries the nonce the header announces.
		const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
		expect(await response.text()).toContain(`nonce="${nonce}"`);
	});

	test('redirects, static files, 404s and errors carry the same security headers', async ({ request }) => {
		// The guard's redirect of a signed-out visitor (a redirect thrown by a handle), page and data request.
		const signIn = await request.get('/mes-actions?vue=1', { maxRedirects: 0 });
		expect(signIn.status()).toBe(303);
		expect(signIn.headers()['location']).toBe('/connexion?suivant=%2Fmes-actions%3Fvue%3D1');
		expectSecurityHeaders(signIn.headers(), '303 to the sign-in page');
		const data = await request.get('/mes-actions/__data.json', { maxRedirects: 0 });
		expect(await data.json()).toMatchObject({ type: 'redirect' });
		expectSecurityHeaders(data.headers(), 'redirect of a data request');

		// A file of the build, served by adapter-node before SvelteKit: 200, 304 when unchanged, 405 for a post.
		const page = await (await request.get('/connexion')).text();
		const asset = page.match(/\/_app\/immutable\/[\w./-]+\.js/)?.[0];
		expect(asset, 'the sign-in page loads scripts from /_app/immutable').toBeTruthy();
		const file = await request.get(asset!);
		expect(file.status()).toBe(200);
		expect(file.headers()['cache-control']).toContain('immutable');
		expectSecurityHeaders(file.headers(), asset!);
		const unchanged = await request.get(asset!, { headers: { 'if-none-match': file.headers()['etag'] } });
		expect(unchanged.status()).toBe(304);
		expectSecurityHeaders(unchanged.headers(), `304 of ${asset}`);
		const posted = await request.post(asset!, { maxRedirects: 0 });
		expect(posted.status()).toBe(405);
		expectSecurityHeaders(posted.headers(), `405 of ${asset}`);

		// Not found, as a page and under /_app; a malformed request.
		for (const url of ['/page-qui-n-existe-pas', '/_app/immutable/absent.js', '/chartes/%E0%A4%A']) {
			const missing = await request.get(url, { maxRedirects: 0 });
			expect(missing.status(), url).toBeGreaterThanOrEqual(400);
			expectSecurityHeaders(missing.headers(), `${missing.status()} of ${url}`);
		}

		// A client claiming https through the proxy header is not believed (no proxy here): still no HSTS.
		const claimed = await request.get('/connexion', { headers: { 'x-forwarded-proto': 'https' } });
		expectSecurityHeaders(claimed.headers(), 'x-forwarded-proto sent by the client');
	});

	test('behind an https proxy, every response also carries HSTS', async () => {
		// A second server of the same build, configured as in production behind a reverse proxy.
		const port = Number(process.env.E2E_PORT || 4173) + 100;
		const server = spawn(process.execPath, ['scripts/serve.ts'], {
			cwd: process.cwd(),
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				NODE_ENV: 'production',
				PROTOCOL_HEADER: 'x-forwarded-proto',
				HOST_HEADER: 'x-forwarded-host',
				NOTIFICATION_WORKER: 'off'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		try {
			await new Promise<void>((resolve, reject) => {
				server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Listening') && resolve());
				server.once('exit', (code) => reject(new Error(`serve.ts exited (${code})`)));
			});
			const get = (url: string, proto: string) =>
				fetch(`http://127.0.0.1:${port}${url}`, {
					redirect: 'manual',
					headers: { 'x-forwarded-proto': proto, 'x-forwarded-host': 'charte.example.org' }
				});
			const page = await (await get('/connexion', 'https')).text();
			const asset = page.match(/\/_app\/immutable\/[\w./-]+\.js/)![0];
			for (const url of ['/connexion', '/mes-actions', asset, '/page-qui-n-existe-pas']) {
				const res = await get(url, 'https');
				expect(res.status, url).toBe(url === '/mes-actions' ? 303 : url.endsWith('existe-pas') ? 404 : 200);
				expect(res.headers.get('strict-transport-security'), url).toBe('max-age=63072000; includeSubDomains');
				expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
			}
			// The proxy says the browser came over plain http: no HSTS.
			expect((await get(asset, 'http')).headers.get('strict-transport-security')).toBeNull();
		} finally {
			server.kill('SIGTERM');
		}
	});

	test('cross-site form posts are refused (SvelteKit origin check)', async ({ request }) => {
		const response = await request.post('/connexion?/motdepasse', {
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			data: 'email=coordination.hv%40example.org&password=x'
		});
		expect(response.status()).toBe(403);
	});

	test('repeated wrong passwords are slowed down with a clear message', async ({ page }) => {
		const email = `inconnu.${Date.now()}@example.org`;
		await page.goto('/connexion');
		const form = page.locator('form[action="?/motdepasse"]');
		for (let i = 0; i < 10; i++) {
			await form.getByLabel('Adresse e-mail').fill(email);
			await form.getByLabel('Mot de passe').fill(`faux-${i}`);
			await form.getByRole('button', { name: 'Se connecter' }).click();
			await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.')).toBeVisible();
		}
		await form.getByLabel('Adresse e-mail').fill(email);
		await form.getByLabel('Mot de passe').fill('encore-faux');
		await form.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page.getByText('Trop de tentatives.')).toBeVisible();
	});

	test('the browser bundle holds no service-role key and no server-only module', () => {
		const clientDir = path.join(process.cwd(), 'build', 'client');
		const files = filesUnder(clientDir).filter((f) => /\.(js|css|html|json)$/.test(f));
		expect(files.length).toBeGreaterThan(5);
		const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
		expect(serviceKey, 'the test runs with the stack environment').toBeTruthy();
		const secretKey = process.env.SUPABASE_SECRET_KEY;
		const forbidden = [serviceKey!, 'SUPABASE_SERVICE_ROLE_KEY', 'service_role', 'supabase-admin', 'nodemailer'];
		forbidden.push('SUPABASE_SECRET_KEY', 'auth-forwarding', ...(secretKey ? [secretKey] : []));
		for (const file of files) {
			const content = readFileSync(file, 'utf8');
			for (const needle of forbidden) {
				expect(content.includes(needle), `${needle} found in ${path.relative(clientDir, file)}`).toBe(false);
			}
		}
	});
});
