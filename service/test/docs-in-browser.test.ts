import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS } from '@slipway/contract';
import { describeWithTool, toolAvailable } from '@slipway/testing';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
// A name that is not localhost: browsers treat localhost as secure whatever the scheme, which
// would hide a policy that breaks plain HTTP everywhere else.
const HOST = 'slipway.test';
const SCREENSHOT = join(import.meta.dirname, '../../artifacts/docs-over-http.png');

describeWithTool(
  'Swagger UI in a real browser, over plain HTTP from a host that is not localhost',
  {
    available: toolAvailable(CHROMIUM, ['--version']),
    reason: `${CHROMIUM} is not installed (apt-get install chromium)`,
  },
  () => {
    let t: TestApp;
    let browser: BrowserContext;
    let userDataDir: string;
    beforeAll(async () => {
      t = await startTestApp();
      userDataDir = mkdtempSync(join(tmpdir(), 'slipway-chromium-'));
      browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      await t?.close();
    });

    it('renders the operations list with no CSP error in the console (screenshot in artifacts/)', async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /content security policy/i.test(message.text())) {
          problems.push(message.text());
        }
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const { port } = new URL(t.url);

      await page.goto(`http://${HOST}:${port}${PATHS.docs}/`);
      const operations = page.locator('.opblock');
      await operations.first().waitFor({ timeout: 15_000 });
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      expect(await operations.count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('.opblock-summary-path').allTextContents()).toEqual(
        expect.arrayContaining([PATHS.users, `${PATHS.users}/{id}`]),
      );
      expect(problems).toEqual([]);
    });
  },
);
