/* A small static server for dist/: `npm run preview` and the browser tests use it (plain http on localhost). */
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".png": "image/png", ".xml": "application/xml", ".css": "text/css" };

/** Serves `root` (and any extra files by URL path) on `port` (0: any free port). Resolves to the server and its base URL. */
function serveDist({ root = path.join(__dirname, "..", "dist"), port = 0, extra = {} } = {}) {
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const file = extra[urlPath] ?? path.join(root, path.normalize(urlPath === "/" ? "/preview.html" : urlPath));
    if (!extra[urlPath] && !file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
        return;
      }
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://localhost:${server.address().port}/` })));
}

module.exports = { serveDist };

if (require.main === module) {
  const port = Number(process.env.PREVIEW_PORT || 3001);
  serveDist({ port }).then(({ url }) => {
    process.stdout.write(`Preview: ${url}preview.html  (sample plan; ?workbook=empty for a blank workbook, ?theme=dark)\nPress Ctrl+C to stop.\n`);
  });
}
