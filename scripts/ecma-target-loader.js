/* eslint-disable */
// Webpack loader: lowers a dependency's syntax to the bundle's ECMAScript version with esbuild
// (already a dev dependency). Some dependencies ship ES2022 (class static blocks, e.g. tabster
// under Fluent UI), which Chrome 93 and Safari < 16.4 cannot parse; the legacy check lets those
// engines load the pane only if the bundle is ES2021 (webpack.config.js, BUNDLE_ECMA_VERSION).
const { transformSync } = require('esbuild');

module.exports = function ecmaTargetLoader(source, map) {
  const { ecma } = this.getOptions();
  const out = transformSync(source, { loader: 'js', target: `es${ecma}`, sourcefile: this.resourcePath, sourcemap: this.sourceMap ? 'external' : false, legalComments: 'inline' });
  this.callback(null, out.code, out.map || map);
};
