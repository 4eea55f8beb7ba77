/**
 * Web addresses that users typed never become links in an e-mail. The HTML part escapes everything and links
 * only the app's own URLs, but mail clients also turn address-looking text into links by themselves, in the
 * plain-text part and in the text of the HTML part. So every address-looking piece of the body written by the
 * database is "defanged" the way security teams share dangerous addresses: `https://evil.example/x` becomes
 * `hxxps[:]//evil[.]example/x`, still readable, no longer clickable.
 *
 * This is applied to the whole `body_text` of an outbox row: that text is the database's French template
 * filled with values users typed (names, hosts, housing notes, action titles...), and the templates themselves
 * never contain an address (the app's links are added after it, by the renderer, and are not defanged).
 */

/** Letters and digits of any script (internationalised domain names are linked by clients too), and hyphens. */
const LABEL = '[\\p{L}\\p{N}-]+';
/** The full stop and the dots IDNA treats as one (ideographic, fullwidth, halfwidth). */
const DOT = '[.\\u3002\\uFF0E\\uFF61]';

/** `scheme://`, the form clients link (http, https, ftp, and any other scheme written with `//`). */
const SCHEME_SLASHES = /\b([a-z][a-z0-9+.-]{0,30}):\/\//giu;
/** Schemes linked without `//`. */
const SCHEME_ONLY = /\b(mailto|tel|sms|callto|sip|skype|javascript|vbscript|data|file|news):/giu;
/**
 * A run of labels joined by dots, taken whole (it never backtracks: dots are not label characters, and it
 * starts only where a run starts), then judged as a whole in `defangRun`.
 */
const DOTTED_RUN = new RegExp(`(?<![\\p{L}\\p{N}-])${LABEL}(?:${DOT}${LABEL})+`, 'gu');
/** A host name ends with a top-level domain of two letters or more; an IPv4 address is four numbers. */
const TOP_LEVEL = /^\p{L}{2,}$/u;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function defangRun(run: string): string {
	const labels = run.split(new RegExp(DOT, 'u'));
	return TOP_LEVEL.test(labels[labels.length - 1]) || IPV4.test(run) ? labels.join('[.]') : run;
}

/** The text with every web address, e-mail address and host name made unclickable; the rest untouched. */
export function defang(text: string): string {
	return text
		.replace(SCHEME_SLASHES, (_all, scheme: string) => `${scheme.replace(/^http/i, (h) => `${h[0]}xx${h[3]}`)}[:]//`)
		.replace(SCHEME_ONLY, '$1[:]')
		.replace(DOTTED_RUN, defangRun);
}
