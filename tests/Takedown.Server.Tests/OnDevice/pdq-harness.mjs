// Test harness for wwwroot/js/pdq.js: reads "PATH WIDTH HEIGHT CHANNELS" lines on stdin (raw interleaved
// pixels in PATH), prints "HASH,QUALITY" per line. Usage: node pdq-harness.mjs PDQ_JS_PATH
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { pdqHashPixels } = await import(pathToFileURL(process.argv[2]).href);
const input = readFileSync(0, 'utf8').trim().split('\n');
for (const line of input) {
  const [path, width, height, channels] = line.split(' ');
  const pixels = new Uint8Array(readFileSync(path));
  const r = pdqHashPixels(pixels, Number(width), Number(height), Number(channels));
  process.stdout.write(`${r.hash},${r.quality}\n`);
}
