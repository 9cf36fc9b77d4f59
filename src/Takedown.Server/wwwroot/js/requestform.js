// Request form enhancement: hashes the requester's chosen photo(s) on this device with the PDQ module and puts only
// "HASH,QUALITY" lines into a hidden field. The file input has no name, so the photo is never part of the form post,
// and nothing here sends it anywhere. Without JavaScript the section stays hidden and the form works as is.
import { pdqHashRgba } from './pdq.js';

const section = document.getElementById('device-hash');
const input = document.getElementById('photo');
const field = document.getElementById('device-hashes');
const status = document.getElementById('hash-status');

async function hashFile(file) {
  // Decode exactly as stored: no colour-space conversion, no premultiplied alpha and, like the server and the
  // reference, no EXIF rotation (browsers that no longer accept 'none' fall back to their default).
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'none' });
  } catch (e) {
    if (!(e instanceof TypeError)) {
      throw e;
    }
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' });
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: 'srgb' });
    return pdqHashRgba(pixels.data, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

if (section && input && field && status && 'createImageBitmap' in window && 'OffscreenCanvas' in window) {
  section.hidden = false;
  input.addEventListener('change', async () => {
    const files = Array.from(input.files ?? []);
    field.value = '';
    if (files.length === 0) {
      status.textContent = '';
      return;
    }
    status.textContent = 'Making the code on your device…';
    const lines = [];
    let failed = 0;
    for (const file of files) {
      try {
        const { hash, quality } = await hashFile(file);
        lines.push(`${hash},${quality}`);
      } catch {
        failed++;
      }
    }
    field.value = lines.join('\n');
    const done = lines.length === 1 ? 'Code made for 1 photo' : `Codes made for ${lines.length} photos`;
    status.textContent = lines.length === 0
      ? 'This file could not be read as a photo. You can still send the form without it.'
      : `${done}. Only the code will be sent with your request, not the photo.` + (failed > 0 ? ` ${failed} file(s) could not be read.` : '');
    status.dataset.hashes = field.value;
  });
}
