// zip.js reads a .zip chosen by the user into File objects, in the browser,
// so each resume inside is uploaded (and reported) on its own. It reads the
// central directory, supports stored and deflated entries (via the
// browser's DecompressionStream), keeps only base names, skips folders,
// hidden files and nested zips, and caps entry count and sizes.

const MAX_ENTRIES = 5000;
const MAX_ENTRY_BYTES = 20 << 20;

// canUnzip reports whether this browser can inflate zip entries.
export const canUnzip = typeof DecompressionStream !== 'undefined';

// unzip returns { files: File[], skipped: [{name, reason}] }. It throws
// Error with a readable message when the archive itself is unreadable.
export async function unzip(file) {
  const buf = new Uint8Array(await file.arrayBuffer());
  const dv = new DataView(buf.buffer);
  const eocd = findEOCD(buf, dv);
  if (eocd < 0) throw new Error('not a readable zip archive');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) throw new Error(`zip has ${count} entries; the limit is ${MAX_ENTRIES}`);
  const files = [];
  const skipped = [];
  const dec = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || dv.getUint32(p, true) !== 0x02014b50) throw new Error('zip directory is damaged');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const usize = dv.getUint32(p + 24, true);
    const nlen = dv.getUint16(p + 28, true);
    const elen = dv.getUint16(p + 30, true);
    const clen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const path = dec.decode(buf.subarray(p + 46, p + 46 + nlen));
    p += 46 + nlen + elen + clen;
    const base = path.split(/[\\/]/).pop();
    if (path.endsWith('/') || !base) continue;
    if (base.startsWith('.') || path.includes('__MACOSX')) continue;
    if (flags & 1) { skipped.push({ name: base, reason: 'Password-protected inside the zip' }); continue; }
    if (/\.zip$/i.test(base)) { skipped.push({ name: base, reason: 'Zip inside a zip — unzip it first' }); continue; }
    if (usize > MAX_ENTRY_BYTES) { skipped.push({ name: base, reason: 'File too large' }); continue; }
    if (local + 30 > buf.length || dv.getUint32(local, true) !== 0x04034b50) {
      skipped.push({ name: base, reason: 'Damaged entry in the zip' });
      continue;
    }
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = buf.subarray(start, start + csize);
    let data;
    if (method === 0) data = raw;
    else if (method === 8 && canUnzip) data = await inflate(raw, MAX_ENTRY_BYTES);
    else { skipped.push({ name: base, reason: 'Unsupported zip compression' }); continue; }
    if (!data) { skipped.push({ name: base, reason: 'Damaged entry in the zip' }); continue; }
    files.push(new File([data], base));
  }
  return { files, skipped };
}

function findEOCD(buf, dv) {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

async function inflate(raw, limit) {
  try {
    const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    const chunks = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > limit) { reader.cancel(); return null; }
      chunks.push(value);
    }
    return new Blob(chunks);
  } catch {
    return null;
  }
}
