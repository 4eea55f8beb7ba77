/** Lower case, trimmed, one space between words: how the import finds an organization or an indicator by name. */
export const key = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
