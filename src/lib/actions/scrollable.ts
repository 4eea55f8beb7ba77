/**
 * A table too wide for its box scrolls: the box then becomes a named region the keyboard can reach (and
 * scroll with the arrow keys), as WCAG 2.1.1 asks. When everything fits, it stays a plain box, so the
 * keyboard does not stop on it for nothing.
 */
export function scrollable(node: HTMLElement, label?: string) {
	let name = label;
	const update = () => {
		const overflowing = node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1;
		if (overflowing) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			node.setAttribute('aria-label', name ?? node.querySelector('caption')?.textContent?.trim() ?? '');
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	const table = node.querySelector('table');
	if (table) observer.observe(table);
	update();
	return {
		update(next?: string) {
			name = next;
			update();
		},
		destroy: () => observer.disconnect()
	};
}
