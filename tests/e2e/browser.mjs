// Debian's chromium driven by playwright-core (no browser download). Playwright gives every launch a fresh,
// temporary --user-data-dir of its own; the flags keep the browser off the network and quiet.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.XEPLOAI_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: scripts/setup.sh installs chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { viewport: { width: 1366, height: 768 } };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Loads `url` fresh and waits for `ready` (the page's main content): returns the navigation timing in ms, from
// the navigation's start to DOMContentLoaded, to the load event, and to the moment the content was on screen; and
// the time the renderer's main thread spent in tasks meanwhile (CDP Performance.TaskDuration): the page's own work
// (parsing, running, styling, layout) as opposed to waiting for the network.
export async function timedGoto(page, url, ready) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const before = await busy();
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 15_000 });
  const mainThread = Math.round(((await busy()) - before) * 1000);
  await cdp.detach();
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      contentReady: Math.round(performance.now()),
      transferBytes: performance
        .getEntriesByType('resource')
        .concat([nav])
        .reduce((sum, e) => sum + (e.transferSize || 0), 0),
    };
  });
  return { ...timing, mainThread };
}
