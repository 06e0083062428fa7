/**
 * Preloaded with `node --require`: records every file the process loads, through require (CommonJS,
 * and ES modules required from it) and through import (the loader below), and writes the list to
 * the file named by LOADED_MODULES_FILE, one path a line, when the process exits.
 */
const { appendFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const listFile = process.env.LOADED_MODULES_FILE;
if (!listFile) throw new Error('LOADED_MODULES_FILE must name the file to write the list to');

const seen = new Set();
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function recordResolved(...args) {
  const filename = resolveFilename.apply(this, args);
  seen.add(filename);
  return filename;
};
// import() does not go through require: the loader hook appends what it resolves to the same file.
Module.register(pathToFileURL(join(__dirname, 'loaded-modules-loader.mjs')), { data: { listFile } });

process.on('exit', () => {
  for (const filename of Object.keys(require.cache)) seen.add(filename);
  appendFileSync(listFile, [...seen].map((filename) => `${filename}\n`).join(''));
});
