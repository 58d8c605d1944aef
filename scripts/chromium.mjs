// Where is a Chromium? CHROMIUM_PATH, then the usual Debian/Ubuntu places.
import { existsSync } from 'node:fs';

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}
