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

// Runs in the page from its first script: on every animation frame (just before the browser paints) until the
// `ready` element is in the page and takes up space, then records that frame's time. The test's own look
// (waitFor, then evaluate) answers one or more round trips later: 20-40 ms, and up to 0.5 s in one measured run.
function watchForContent(selector) {
  const seen = (window.__xeploaiContentAt ??= {});
  const check = (now) => {
    if (selector in seen) return;
    const el = document.querySelector(selector);
    if (el && el.getClientRects().length > 0) seen[selector] = now;
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

// Loads `url` fresh and waits for `ready` (the page's main content): returns the navigation timing in ms, from
// the navigation's start to DOMContentLoaded, to the load event, and to the frame in which the content was first
// painted; and the time the renderer's main thread spent in tasks meanwhile (CDP Performance.TaskDuration): the
// page's own work (parsing, running, styling, layout) as opposed to waiting for the network.
export async function timedGoto(page, url, ready) {
  await page.addInitScript(watchForContent, ready);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const before = await busy();
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 15_000 });
  const mainThread = Math.round(((await busy()) - before) * 1000);
  await cdp.detach();
  const timing = await page.evaluate((selector) => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      contentReady: Math.round(window.__xeploaiContentAt?.[selector] ?? performance.now()),
      transferBytes: performance
        .getEntriesByType('resource')
        .concat([nav])
        .reduce((sum, e) => sum + (e.transferSize || 0), 0),
    };
  }, ready);
  return { ...timing, mainThread };
}
