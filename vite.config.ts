import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

// SvelteKit 3 reads its configuration from the sveltekit() plugin; svelte.config.js is gone.
export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// French first: English only when the user picks it (cookie).
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit({
			adapter: adapter(),
			compilerOptions: { runes: true },
			// Scripts only from this site, with a nonce for SvelteKit's own inline bootstrap; inline style
			// attributes (progress bars) are allowed, nothing may frame the app, forms post only here.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			},
			// A production build may fix its public origin (https://...); otherwise scripts/serve.ts derives it.
			...(process.env.ORIGIN ? { paths: { origin: process.env.ORIGIN } } : {})
		})
	],
	server: { host: '127.0.0.1' },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'stack/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/**/*.test.ts'],
					exclude: ['tests/e2e/**'],
					environment: 'node',
					globalSetup: ['tests/setup/stack.ts'],
					// The suites share one database: files run one after another, each test owns its data.
					fileParallelism: false,
					testTimeout: 30000,
					hookTimeout: 120000
				}
			}
		]
	}
});
