/*
 * Runs first, before Office.js and the pane, and is written in ES5 on purpose: Excel 2016/2019
 * (volume licence) show add-ins in Internet Explorer 11 or EdgeHTML, where the ES2022 pane
 * cannot even be parsed and the pane would stay blank. This script says so in Japanese and
 * English instead. The CSP forbids inline scripts, so it is a file of its own.
 * What passes these tests is at least Chrome/WebView2 93 or Safari 16.4: engines that parse
 * ES2021, which is what the bundle is built as (webpack.config.js BUNDLE_ECMA_VERSION; class
 * static blocks, ES2022, would need Chrome 94). tests/e2e/legacy-syntax.test.ts parses the built
 * bundle at that version; tests/excel/deploy.test.ts parses this file as ES5.
 */
/* global window, document */
(function () {
  'use strict';
  function supported() {
    try {
      if (typeof window.Promise !== 'function' || typeof window.fetch !== 'function') return false;
      if (typeof Object.fromEntries !== 'function' || typeof Array.prototype.at !== 'function') return false;
      if (typeof Object.hasOwn !== 'function' || typeof String.prototype.replaceAll !== 'function') return false;
      // Regex lookbehind: Safari 16.4+, never IE or EdgeHTML. A RegExp from a string is not eval (CSP allows it).
      new RegExp('(?<=a)b');
      return true;
      // ES5 has no optional catch binding: `e` must be named even if unused.
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
    } catch (e) {
      return false;
    }
  }
  function show() {
    var root = document.getElementById('root') || document.body;
    if (!root) return;
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-hyoka-unsupported', '');
    box.style.padding = '16px';
    box.style.lineHeight = '1.6';
    var title = document.createElement('p');
    title.style.fontWeight = 'bold';
    title.appendChild(document.createTextNode('このExcelではHyoka（評価点検）を表示できません。'));
    var body = document.createElement('p');
    body.appendChild(document.createTextNode(
      'Microsoft 365 または Office 2021 以降（Microsoft Edge WebView2 が必要）、Excel on the web、または最新の Mac 版 Excel でお使いください。' +
      'Excel 2016・2019 では動きません。情報システム担当に WebView2 の導入をご相談ください。'));
    var en = document.createElement('p');
    en.style.color = '#555';
    en.appendChild(document.createTextNode(
      'Hyoka cannot run in this version of Excel. Use Microsoft 365 or Office 2021 or later (with Microsoft Edge WebView2), Excel on the web, or a current Excel for Mac.'));
    box.appendChild(title);
    box.appendChild(body);
    box.appendChild(en);
    root.appendChild(box);
  }
  if (supported()) return;
  window.HYOKA_UNSUPPORTED = true;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
