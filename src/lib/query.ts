/** The query string `search` with some parameters set (or removed with null), as `?a=1&b=2`. */
export function withQuery(search: string, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(search);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) params.delete(key);
		else params.set(key, value);
	}
	const text = params.toString();
	return text ? `?${text}` : '?';
}
