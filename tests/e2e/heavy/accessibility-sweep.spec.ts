/**
 * Accessibility sweep: as every kind of user (anon, coordinator, steering member, partner representatives,
 * elected official), every page reachable from the home page is scanned by axe (WCAG 2.1 A and AA). Pages of the
 * same route (the same page for another id) are scanned once per user.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from '../helpers.ts';

const ROLES = [
	null,
	'coordination.hv@example.org',
	'copil.hv@example.org',
	'ars.na@example.org',
	'fac.limoges@example.org',
	'maire.hv@example.org'
];
const START = [
	'/',
	'/chartes',
	'/mes-actions',
	'/ma-commune',
	'/preferences',
	'/connexion',
	'/accessibilite',
	'/public/haute-vienne'
];

/** The route a path belongs to: ids and charter slugs replaced, so each page kind is scanned once. */
function routeOf(path: string): string {
	return path
		.split('?')[0]
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
		.replace(/^\/(chartes|public)\/(?!nouvelle)[^/]+/, '/$1/:slug');
}

async function sweep(page: Page): Promise<string[]> {
	const queue = [...START];
	const routes = new Set<string>();
	const visited = new Set<string>();
	const scanned: string[] = [];
	while (queue.length && visited.size < 120) {
		const path = queue.shift()!;
		if (visited.has(path)) continue;
		visited.add(path);
		const route = routeOf(path);
		if (routes.has(route)) continue;
		const response = await page.goto(path).catch(() => null);
		if (!response || response.status() >= 400 || !(response.headers()['content-type'] ?? '').includes('text/html'))
			continue;
		const landed = routeOf(new URL(page.url()).pathname);
		if (routes.has(landed)) continue;
		routes.add(route);
		routes.add(landed);
		await page.waitForLoadState('networkidle');
		await test.step(`axe ${new URL(page.url()).pathname}`, async () => expectNoAxeViolations(page));
		scanned.push(new URL(page.url()).pathname);
		const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
		for (const href of links) {
			const url = new URL(href);
			if (url.origin !== new URL(page.url()).origin) continue;
			if (/\.(csv|xlsx|pdf)$|export|modele|deconnexion|desabonnement|\/auth\//.test(url.pathname)) continue;
			const next = url.pathname + url.search;
			if (!visited.has(next)) queue.push(next);
		}
	}
	return scanned;
}

for (const role of ROLES) {
	test(`every page passes axe as ${role ?? 'a visitor without an account'}`, async ({ page }) => {
		test.setTimeout(10 * 60_000);
		if (role) await signIn(page, role);
		const scanned = await sweep(page);
		console.log(`axe (${role ?? 'anon'}): ${scanned.length} pages: ${scanned.join(' ')}`);
		expect(scanned.length).toBeGreaterThan(role ? 3 : 2);
	});
}
