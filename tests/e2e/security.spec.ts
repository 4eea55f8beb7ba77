import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

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
