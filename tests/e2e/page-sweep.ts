/**
 * Every page a user can reach from the home page, once per kind of page (ids and charter slugs replaced): the
 * crawl shared by the accessibility sweep (heavy/accessibility-sweep.spec.ts) and the layout sweep
 * (layout-overflow.spec.ts). `visit` runs on each page, once it has loaded; `kind` says which paths count as the
 * same page (by default, the same route for another id or charter).
 */
import type { Page } from '@playwright/test';

export const START = [
	'/',
	'/chartes',
	'/mes-actions',
	'/ma-commune',
	'/preferences',
	'/connexion',
	'/accessibilite',
	'/public/haute-vienne'
];

/** The route a path belongs to: ids and charter slugs replaced, so each page kind is visited once. */
export function routeOf(path: string): string {
	return path
		.split('?')[0]
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
		.replace(/^\/(chartes|public)\/(?!nouvelle)[^/]+/, '/$1/:slug');
}

export async function sweep(
	page: Page,
	visit: (path: string) => Promise<void>,
	{ start = START, kind = routeOf }: { start?: string[]; kind?: (path: string) => string } = {}
): Promise<string[]> {
	const queue = [...start];
	const routes = new Set<string>();
	const visited = new Set<string>();
	const seen: string[] = [];
	while (queue.length && visited.size < 120) {
		const path = queue.shift()!;
		if (visited.has(path)) continue;
		visited.add(path);
		const route = kind(path);
		if (routes.has(route)) continue;
		const response = await page.goto(path).catch(() => null);
		if (!response || response.status() >= 400 || !(response.headers()['content-type'] ?? '').includes('text/html'))
			continue;
		const landed = kind(new URL(page.url()).pathname);
		if (routes.has(landed)) continue;
		routes.add(route);
		routes.add(landed);
		await page.waitForLoadState('networkidle');
		const here = new URL(page.url()).pathname;
		await visit(here);
		seen.push(here);
		const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
		for (const href of links) {
			const url = new URL(href);
			if (url.origin !== new URL(page.url()).origin) continue;
			if (
				/\.(csv|xlsx|pdf|zip|jsonld|ics)$|telecharger|export|modele|deconnexion|desabonnement|\/auth\//.test(
					url.pathname
				)
			)
				continue;
			const next = url.pathname + url.search;
			if (!visited.has(next)) queue.push(next);
		}
	}
	return seen;
}
