// The browser test's half: open the review page in Debian's Chromium and report, as JSON on stdout,
// what a person and a screen reader would meet: console errors, requests that left the page, the
// sections present, the keys present, the page's height at a desktop and a phone width (with a
// screenshot of the first screen of each), whether it scrolls sideways there, and axe-core's violations.
// Usage: node tooling/review/check.js PAGE.html KEYS.json SCREENSHOT_DIR
"use strict";

const fs = require("fs");
const path = require("path");
const url = require("url");
const { withBrowser } = require("./browser");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function main([pagePath, keysPath, screenshots]) {
  const keys = JSON.parse(fs.readFileSync(keysPath, "utf8"));
  const href = url.pathToFileURL(path.resolve(pagePath)).href;
  const report = { consoleErrors: [], outsideRequests: [], heights: {}, screenshots: {} };
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") report.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => report.consoleErrors.push(String(error)));
    page.on("request", (request) => {
      if (request.url() !== href && !request.url().startsWith("data:")) {
        report.outsideRequests.push(request.url());
      }
    });
    for (const [name, viewport] of Object.entries(WIDTHS)) {
      await page.setViewport(viewport);
      await page.goto(href, { waitUntil: "load" });
      report.heights[name] = await page.evaluate(() => document.documentElement.scrollHeight);
      report.sideways = report.sideways || {};
      report.sideways[name] = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth
      );
      const file = path.join(screenshots, `${name}.png`);
      await page.screenshot({ path: file });
      report.screenshots[name] = file;
    }
    report.sections = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main > section[id]")).map((s) => s.id)
    );
    report.missingKeys = await page.evaluate(
      (wanted) => wanted.filter((key) => !document.getElementById(`key-${key}`)),
      keys
    );
    report.scripts = await page.evaluate(() => document.scripts.length);
    await page.setViewport(WIDTHS.desktop);
    await page.addScriptTag({ content: AXE });
    const axe = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
    });
    report.axeViolations = axe;
    report.axeVersion = require("axe-core/package.json").version;
  });
  process.stdout.write(JSON.stringify(report, null, 1));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
