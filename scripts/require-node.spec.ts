import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, 'require-node.cjs');

/** Runs the check as a given Node version would see itself. */
function checkAs(version: string) {
	const code = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } }); require(${JSON.stringify(script)});`;
	return spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
}

describe('npm start with an old Node', () => {
	it('stops with one line saying which version is needed and what to do', () => {
		const run = checkAs('20.20.2');
		expect(run.status).toBe(1);
		const lines = run.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('Node 20.20.2 est trop ancien');
		expect(lines[0]).toContain('Node 22.17');
		expect(lines[0]).toContain('nvm install 24');
	});

	it('lets 22.17 and newer through, silently', () => {
		for (const version of ['22.17.0', '22.20.1', '24.1.0']) {
			const run = checkAs(version);
			expect(run.status, version).toBe(0);
			expect(run.stderr, version).toBe('');
		}
		expect(checkAs('22.16.9').status).toBe(1);
	});
});
