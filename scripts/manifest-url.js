/* eslint-disable */
// Rewrites the dev manifest's https://localhost:3000 URLs to the address that serves dist/.
// Used by webpack.config.js (npm run build -- --env addinUrl=…) and by tests/excel/deploy.test.ts.
const DEV_ORIGIN = 'https://localhost:3000';

/** `https://intranet.example.lg.jp/hyoka` → `https://intranet.example.lg.jp/hyoka/`; only https. */
function normaliseBase(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`addinUrl is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:') throw new Error(`addinUrl must be https (Office loads add-ins only over HTTPS): ${url}`);
  if (parsed.search || parsed.hash) throw new Error(`addinUrl must not have a query or fragment: ${url}`);
  return parsed.origin + (parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`);
}

/** Every DEV_ORIGIN/… in the manifest becomes base + …; nothing else changes (the Id never does). */
function rewriteManifest(xml, addinUrl) {
  const base = normaliseBase(addinUrl);
  const out = xml.replace(/https:\/\/localhost:3000\/?/g, base);
  if (out.includes('localhost')) throw new Error('manifest still mentions localhost after rewriting');
  return out;
}

module.exports = { DEV_ORIGIN, normaliseBase, rewriteManifest };
