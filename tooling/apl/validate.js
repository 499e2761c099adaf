// Validates rendered screens with Amazon's own APL validator, apl-suggester (pinned in package.json).
//
// Usage: node tooling/apl/validate.js DIRECTORY
// DIRECTORY holds one JSON file per screen, each {"document": ..., "datasources": ...} exactly as the
// skill sends them in a RenderDocument directive (written by `python -m tooling.screen_samples`).
// Every document and every datasources object must come back without a single finding; any finding,
// warning or error, fails the run, so the output is the proof that the screens are clean.
"use strict";

const fs = require("fs");
const path = require("path");
const { ErrorController, StaticAplTemplateValidator } = require("apl-suggester");
const suggesterVersion = require("apl-suggester/package.json").version;

// apl-suggester warns on the console that it has no "mixin" schema for some components (Frame,
// TouchWrapper, ScrollView): a note about its own schema tables, not about the document.
const consoleWarn = console.warn;
console.warn = (message, ...rest) => {
  if (typeof message === "string" && message.startsWith("No mixin for component")) {
    return;
  }
  consoleWarn(message, ...rest);
};

async function main(directory) {
  if (!directory) {
    console.error("usage: node validate.js DIRECTORY");
    return 2;
  }
  const files = fs.readdirSync(directory).filter((name) => name.endsWith(".json")).sort();
  if (files.length === 0) {
    console.error(`no screens to validate in ${directory}`);
    return 2;
  }
  const validator = new StaticAplTemplateValidator();
  // Some findings (an unknown component type or layout, a package it cannot load) are not returned by
  // validate() but reported to the error controller's interface: collect those as well.
  let reported = [];
  ErrorController.getInstance().registerErrors();
  ErrorController.getInstance().setErrorInterface({
    sendError: (error) =>
      reported.push({
        level: error.level,
        path: (error.placeholders && error.placeholders.path) || "/",
        errorMessage: `code ${error.code} ${JSON.stringify(error.placeholders || {})}`,
      }),
  });
  let findings = 0;
  for (const name of files) {
    const screen = JSON.parse(fs.readFileSync(path.join(directory, name), "utf8"));
    reported = [];
    const results = [
      ...(await validator.validate(screen.document)),
      ...(await validator.validateDataSources(screen.datasources)),
    ];
    results.push(...reported);
    findings += results.length;
    console.log(`${results.length === 0 ? "ok  " : "FAIL"} ${name} (APL ${screen.document.version})`);
    for (const result of results) {
      console.log(`     ${result.level || "ERROR"} ${result.path}: ${result.errorMessage}`);
    }
  }
  console.log(
    `apl-suggester ${suggesterVersion}: ${files.length} screens, ${findings} findings`
  );
  return findings === 0 ? 0 : 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
