/**
 * Browser-test helpers of the dashboard: does a chart's screenshot hold drawn pixels, and what figure does the
 * page show.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Takes a screenshot of the chart's canvas and counts, in the browser, the pixels that are neither white nor
 * transparent: a chart drawn by chart.js has thousands, an empty canvas none.
 */
export async function drawnPixels(page: Page, canvas: Locator): Promise<number> {
	await expect(canvas).toBeVisible();
	// chart.js is fetched when a chart comes near the screen (chart-figure.svelte): scroll to it, then give it
	// a few tries to be drawn.
	await canvas.scrollIntoViewIfNeeded();
	let drawn = 0;
	for (let attempt = 0; attempt < 20 && drawn === 0; attempt++) {
		if (attempt > 0) await page.waitForTimeout(150);
		drawn = await countDrawn(page, await canvas.screenshot());
	}
	return drawn;
}

async function countDrawn(page: Page, png: Buffer): Promise<number> {
	return page.evaluate(async (base64) => {
		const image = new Image();
		image.src = `data:image/png;base64,${base64}`;
		await image.decode();
		const surface = document.createElement('canvas');
		surface.width = image.width;
		surface.height = image.height;
		const ctx = surface.getContext('2d')!;
		ctx.drawImage(image, 0, 0);
		const { data } = ctx.getImageData(0, 0, image.width, image.height);
		let drawn = 0;
		for (let i = 0; i < data.length; i += 4) {
			if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) drawn++;
		}
		return drawn;
	}, png.toString('base64'));
}

/** The raw value of a headline figure (`data-value` of `[data-figure=...]`). */
export async function figure(page: Page, key: string): Promise<string> {
	return (await page.locator(`.headline [data-figure="${key}"]`).first().getAttribute('data-value')) ?? '';
}
