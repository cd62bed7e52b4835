/* eslint-disable */
// Builds the task pane (Excel add-in and browser mode) into dist/.
//   npx webpack --mode production      → dist/ (what the manifest and the e2e test load)
//   npm run dev-server                 → https://localhost:3000 with office-addin-dev-certs
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const TerserPlugin = require('terser-webpack-plugin');

const { rewriteManifest } = require('./scripts/manifest-url.js');
const { isOfficeJsFile, RECORD_FILE } = require('./scripts/office-js-files.js');

/**
 * The ECMAScript version the pane's bundle is written in. src/static/legacy-check.js lets the
 * pane load only where its feature tests pass, which every engine parsing ES2021 does pass
 * (Chrome/WebView2 ≥ 93, Safari ≥ 16.4) — but class static blocks (ES2022) need Chrome 94, so
 * the bundle is ES2021. tests/e2e/legacy-syntax.test.ts parses every built file at this version.
 */
const BUNDLE_ECMA_VERSION = 2021;

const NPM_OFFICE_JS = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
const DEV_PORT = 3000;

/**
 * Where dist/office-js comes from: `--env officeJsDir=DIR`, a folder filled by
 * `npm run office-js:fetch DIR` (the CDN's current file set), or else the npm copy
 * @microsoft/office-js (1.1.110: Excel API sets up to 1.15 only).
 */
function officeJsSource(env) {
  const dir = env && env.officeJsDir;
  if (!dir) return { dir: NPM_OFFICE_JS, version: null };
  const abs = path.resolve(dir);
  const fs = require('node:fs');
  const record = path.join(abs, RECORD_FILE);
  if (!fs.existsSync(record)) throw new Error(`officeJsDir ${abs} has no ${RECORD_FILE}: fill it with  npm run office-js:fetch ${dir}`);
  for (const f of ['office.js', 'excel-win32-16.01.js']) if (!fs.existsSync(path.join(abs, f))) throw new Error(`officeJsDir ${abs} lacks ${f}: fetch it again`);
  return { dir: abs, version: JSON.parse(fs.readFileSync(record, 'utf8')).version };
}

/** Office.js and its Excel host files only (no Outlook/Word/…; no .debug.js): scripts/office-js-files.js. */
function officeJsFilter(root) {
  return (file) => isOfficeJsFile(path.relative(root, file).replace(/\\/g, '/'));
}

/** Where dist/ will be served: `--env addinUrl=https://…/` or HYOKA_ADDIN_URL; none = the dev manifest. */
function addinUrl(env) {
  return (env && env.addinUrl) || process.env.HYOKA_ADDIN_URL || null;
}

async function httpsOptions() {
  try {
    const devCerts = require('office-addin-dev-certs');
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    // The certificates are usually generated even when the CA cannot be installed: use them,
    // so trusting ca.crt by hand is enough.
    const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
    const fs = require('node:fs');
    const generated = ['localhost.crt', 'localhost.key', 'ca.crt'].every((f) => fs.existsSync(path.join(dir, f)));
    console.warn(
      `\n[hyoka] office-addin-dev-certs could not install its certificate here (${e && e.message ? e.message : e}).\n` +
        '        The dev server still starts with its certificate (or a self-signed one). To trust it, run\n' +
        '        `npx office-addin-dev-certs install` on Windows/macOS, or on Linux add\n' +
        '        ~/.office-addin-dev-certs/ca.crt to your system or browser trust store\n' +
        '        (e.g. cp ~/.office-addin-dev-certs/ca.crt /usr/local/share/ca-certificates/office-addin-dev.crt && update-ca-certificates).\n',
    );
    if (!generated) return undefined;
    return {
      ca: fs.readFileSync(path.join(dir, 'ca.crt')),
      cert: fs.readFileSync(path.join(dir, 'localhost.crt')),
      key: fs.readFileSync(path.join(dir, 'localhost.key')),
    };
  }
}

module.exports = async (env, argv) => {
  const mode = argv.mode || 'production';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const https = serving ? await httpsOptions() : undefined;
  const deployUrl = addinUrl(env);
  if (deployUrl) console.log(`[hyoka] dist/manifest.xml points at ${deployUrl}`);
  const officeJs = officeJsSource(env);
  if (officeJs.version) console.log(`[hyoka] dist/office-js is Office.js ${officeJs.version} from ${officeJs.dir}`);
  return {
    mode,
    devtool: mode === 'production' ? false : 'source-map',
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
      publicPath: '',
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // ExcelJS's browser build; Node built-ins are not polyfilled (nothing in the pane needs them).
      aliasFields: ['browser'],
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false, zlib: false, util: false, buffer: false, events: false, url: false, http: false, https: false, net: false, tls: false, child_process: false },
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // ExcelJS ships minified; keeping it in its own lazy chunk lets Terser skip it.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', chunks: 'async', enforce: true },
        },
      },
      minimizer: [new TerserPlugin({ exclude: /^exceljs\./, extractComments: false, terserOptions: { ecma: BUNDLE_ECMA_VERSION } })],
    },
    module: {
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          // Dependencies lowered to the bundle's ECMAScript version (ExcelJS's prebuilt file is ES5 and unparsed).
          test: /\.m?js$/,
          include: /node_modules/,
          exclude: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
          use: { loader: path.resolve(__dirname, 'scripts/ecma-target-loader.js'), options: { ecma: BUNDLE_ECMA_VERSION } },
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true, // `npm run typecheck` type-checks; ESM output keeps import() as a lazy chunk
              compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: `es${BUNDLE_ECMA_VERSION}`, sourceMap: mode !== 'production' },
            },
          },
        },
      ],
    },
    plugins: [
      // taskpane.html: browser mode (never loads Office.js). addin.html: the page the manifest opens.
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'addin.html', template: './src/taskpane/addin.html', chunks: ['taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/static/legacy-check.js', to: 'legacy-check.js', info: { minimized: true } },
          { from: 'src/static/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (deployUrl ? rewriteManifest(content.toString('utf8'), deployUrl) : content),
          },
          {
            from: officeJs.dir,
            to: 'office-js',
            filter: officeJsFilter(officeJs.dir),
            info: { minimized: true },
          },
          ...(officeJs.version ? [{ from: path.join(officeJs.dir, RECORD_FILE), to: `office-js/${RECORD_FILE}` }] : []),
        ],
      }),
    ],
    performance: {
      // The initial bundle must stay ≤ 1.5 MB; ExcelJS is a lazy chunk loaded only in browser mode.
      hints: mode === 'production' ? 'error' : false,
      maxEntrypointSize: 1_500_000,
      maxAssetSize: 3_000_000,
      assetFilter: (name) => name.endsWith('.js') && !name.startsWith('office-js/'),
    },
    devServer: {
      port: DEV_PORT,
      server: https ? { type: 'https', options: https } : 'https',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
      open: false,
    },
  };
};

module.exports.BUNDLE_ECMA_VERSION = BUNDLE_ECMA_VERSION;
