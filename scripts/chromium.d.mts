/** Where is a Chromium? CHROMIUM_PATH, then the usual Debian/Ubuntu places; null when none. */
export function findChromium(): string | null;
