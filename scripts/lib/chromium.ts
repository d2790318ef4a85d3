/**
 * Debian's Chromium, headless, as the browser tests (test/e2e/) and the bench (bench/) start it. The set-up
 * (scripts/setup.sh --browser) installs it at /usr/bin/chromium.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
