// Prints the review page to PDF in Debian's Chromium.
// Usage: node tooling/review/print.js PAGE.html OUT.pdf CONTENT_VERSION
"use strict";

const path = require("path");
const url = require("url");
const { withBrowser, printPdf } = require("./browser");

async function main([pagePath, pdfPath, version]) {
  if (!pagePath || !pdfPath || !version) {
    console.error("usage: node print.js PAGE.html OUT.pdf CONTENT_VERSION");
    process.exit(2);
  }
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.goto(url.pathToFileURL(path.resolve(pagePath)).href, { waitUntil: "load" });
    await printPdf(page, pdfPath, version);
  });
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
