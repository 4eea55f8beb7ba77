/**
 * The objects' bytes on disk: `<dataDir>/storage/<bucket>/<object id>/<version>`. An object's name never becomes a
 * path: the folder is the object's id (a uuid) and the file its version (a uuid), so no name, however crafted, can
 * reach outside the bucket's folder; bucket names are checked too (keys.ts: no `/`, `\`, `.` or `..`).
 *
 * A file is written (to a temporary name, then renamed) only after its row was inserted in the still open
 * transaction, removed again if that transaction fails, and removed after a delete has committed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidBucketName } from './keys.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class Files {
	readonly root: string;

	constructor(dataDir: string) {
		this.root = path.resolve(dataDir, 'storage');
	}

	bucketDir(bucket: string): string {
		if (!isValidBucketName(bucket)) throw new Error(`Refusing a bucket folder for ${JSON.stringify(bucket)}`);
		const dir = path.resolve(this.root, bucket);
		if (path.dirname(dir) !== this.root) throw new Error(`Bucket folder outside the storage folder: ${bucket}`);
		return dir;
	}

	path(bucket: string, id: string, version: string): string {
		if (!UUID.test(id) || !UUID.test(version)) throw new Error('Object id and version must be uuids');
		return path.join(this.bucketDir(bucket), id.toLowerCase(), version.toLowerCase());
	}

	async write(bucket: string, id: string, version: string, bytes: Buffer): Promise<string> {
		const target = this.path(bucket, id, version);
		await mkdir(path.dirname(target), { recursive: true });
		const temporary = `${target}.${randomUUID()}.part`;
		await writeFile(temporary, bytes);
		await rename(temporary, target);
		return target;
	}

	async exists(bucket: string, id: string, version: string): Promise<boolean> {
		return stat(this.path(bucket, id, version)).then(
			(s) => s.isFile(),
			() => false
		);
	}

	/** The file's bytes, or those of `range` (inclusive offsets). */
	read(bucket: string, id: string, version: string, range?: { start: number; end: number }): ReadStream {
		return createReadStream(this.path(bucket, id, version), range);
	}

	/** Removes one version's file, and the object's folder when it is left empty. */
	async remove(bucket: string, id: string, version: string): Promise<void> {
		const file = this.path(bucket, id, version);
		await rm(file, { force: true });
		await rmdir(path.dirname(file)).catch(() => {});
	}

	async removeBucket(bucket: string): Promise<void> {
		await rm(this.bucketDir(bucket), { recursive: true, force: true });
	}
}

/** Supabase's eTag: the MD5 of the bytes, quoted (S3's ETag of a single-part upload). */
export function eTag(bytes: Buffer): string {
	return `"${createHash('md5').update(bytes).digest('hex')}"`;
}
