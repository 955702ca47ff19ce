// Every page is prerendered as a static shell; the data lives only in the browser.
export const prerender = true;
export const ssr = false;
// `/page/index.html` works on every static file server, with or without rewrites.
export const trailingSlash = 'always';
