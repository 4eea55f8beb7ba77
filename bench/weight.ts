/**
 * The dashboard page's weight, signed in as a partner representative (u11):
 *  - its HTML, as the server sends it, raw and gzip-compressed (level 6, what a reverse proxy uses);
 *  - Chromium loads the page and waits until the network is idle; every script and stylesheet it fetches (the
 *    chart.js chunk included) is gzip-compressed (level 9) and summed, each file once.
 */
import { gzipSync } from 'node:zlib';
import { APP, PARTNER, signIn, SLUG } from './lib.ts';

export interface Weight {
	htmlRaw: number;
	htmlGzip: number;
	js: number;
	css: number;
	jsFiles: number;
	/** The largest JavaScript files, "name 12.3 KB". */
	biggest: string[];
}

export async function measureWeight(): Promise<Weight> {
	const cookie = await signIn(PARTNER);
	const pathname = `/chartes/${SLUG}/tableau-de-bord`;
	const html = Buffer.from(await (await fetch(`${APP}${pathname}`, { headers: { cookie } })).arrayBuffer());
	const { chromium } = await import('@playwright/test');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--headless', '--disable-gpu']
	});
	const context = await browser.newContext();
	await context.addCookies(
		cookie.split('; ').map((c) => {
			const [name, ...value] = c.split('=');
			return { name, value: value.join('='), domain: '127.0.0.1', path: '/' };
		})
	);
	const page = await context.newPage();
	// Each file once, by address; the pointer stays off the page, so no link is hovered (and preloaded).
	const files = new Map<string, { type: 'js' | 'css'; gzip: number }>();
	const pending: Promise<void>[] = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (type !== 'script' && type !== 'stylesheet') return;
		pending.push(
			response
				.body()
				.then((body) => {
					files.set(response.url(), {
						type: type === 'script' ? 'js' : 'css',
						gzip: gzipSync(body, { level: 9 }).length
					});
				})
				.catch(() => {})
		);
	});
	await page.goto(`${APP}${pathname}`, { waitUntil: 'networkidle' });
	await page.waitForTimeout(500);
	await Promise.all(pending);
	await browser.close();
	const bytes = { js: 0, css: 0 };
	for (const file of files.values()) bytes[file.type] += file.gzip;
	const js = [...files.entries()].filter(([, f]) => f.type === 'js');
	return {
		htmlRaw: html.length,
		htmlGzip: gzipSync(html, { level: 6 }).length,
		...bytes,
		jsFiles: js.length,
		biggest: js
			.sort((a, b) => b[1].gzip - a[1].gzip)
			.slice(0, 4)
			.map(([url, f]) => `${new URL(url).pathname.split('/').pop()} ${(f.gzip / 1024).toFixed(1)} KB`)
	};
}
