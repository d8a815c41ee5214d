import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium for the browser journeys: the system's Debian chromium through
 * playwright-core (no browser download), or CHROMIUM_PATH.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
