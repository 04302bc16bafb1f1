const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The console's one page: a shell the script fills; readable headings even before the script runs. */
export const pageHtml = (stackName: string, assetBase: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(stackName)}: local console</title>
<link rel="stylesheet" href="${assetBase}console.css">
<script defer src="${assetBase}console.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <h1>${escapeHtml(stackName)} <span class="subtle">local console</span></h1>
  <nav aria-label="Views"><div role="tablist" id="tabs"></div></nav>
  <p id="connection" class="connection" role="status" aria-live="polite">connecting…</p>
</header>
<main id="main" tabindex="-1"><noscript>The console needs JavaScript.</noscript></main>
</body>
</html>
`;
