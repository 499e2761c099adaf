// Debian's Chromium, headless, with a fresh profile: the one way print.js and check.js open a browser.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function withBrowser(work) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cramp-coach-review-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: false, // the flags below say --headless themselves, exactly as documented
    args: [...FLAGS, `--user-data-dir=${profile}`],
    timeout: 60000,
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// Every printed page carries the content version and "page N of M", so a signed stack can be checked
// for completeness; check.js reads them back.
function footer(version) {
  return (
    '<div style="font: 8px sans-serif; width: 100%; padding: 0 12mm; display: flex; ' +
    'justify-content: space-between;"><span>Cramp Coach content version ' + version +
    '</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
  );
}

async function printPdf(page, pdfPath, version) {
  await page.pdf({
    path: pdfPath,
    format: "A4",
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    footerTemplate: footer(version),
    margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
  });
}

module.exports = { withBrowser, printPdf, FLAGS };
