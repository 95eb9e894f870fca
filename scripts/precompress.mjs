// Gzip the built static assets once, so the server never compresses them per request.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve("build/client");
let count = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(js|css|svg|json|txt|html|webmanifest)$/.test(entry.name)) {
      fs.writeFileSync(full + ".gz", zlib.gzipSync(fs.readFileSync(full), { level: 9 }));
      count++;
    }
  }
}
if (fs.existsSync(root)) walk(root);
console.log(`precompressed ${count} files`);
