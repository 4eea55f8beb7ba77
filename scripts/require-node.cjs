// Runs before the project's TypeScript commands (package.json): with a Node older than 22.17, `node file.ts`
// dies with a bare ERR_UNKNOWN_FILE_EXTENSION. This says what to do instead, in one line. CommonJS and old
// syntax on purpose, so that any Node runs it.
var parts = process.versions.node.split('.').map(Number);
if (parts[0] < 22 || (parts[0] === 22 && parts[1] < 17)) {
	console.error(
		'Node ' +
			process.versions.node +
			' est trop ancien : ce projet demande Node 22.17 ou plus récent (Node 24 conseillé, par exemple `nvm install 24`), puis relancez la commande. / Node 22.17 or newer is required (Node 24 recommended).'
	);
	process.exit(1);
}
