/**
 * What every handler of the Storage server needs (built once by `startStorage`), and a request's parts.
 */
import type http from 'node:http';
import type { StackConfig } from '../config.ts';
import type { Files } from './files.ts';
import type { Db } from './rls.ts';
import { callerFrom, type Caller } from './tokens.ts';

export interface StorageContext {
	config: StackConfig;
	db: Db;
	files: Files;
	log: (line: string) => void;
}

export interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	url: URL;
	method: string;
	/** The route's captures, percent-decoded: the bucket, then the object's name when the route has one. */
	params: string[];
}

export type Handler = (ctx: StorageContext, x: Exchange) => Promise<void>;

export function caller(ctx: StorageContext, x: Exchange): Promise<Caller> {
	return callerFrom(x.req.headers.authorization, ctx.config.jwtSecret);
}
