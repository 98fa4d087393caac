/**
 * The text of an inbound message from the raw query string, in the charset Kannel names (%C):
 * smsbox with `mo-recode = true` sends UTF-8; without it, a Chinese text arrives as UCS-2
 * (UTF-16BE) bytes, which a UTF-8 query parser would turn into garbage.
 */
export function inboundText(rawUrl: string, charset?: string, coding?: string): string {
  const query = rawUrl.slice(rawUrl.indexOf('?') + 1);
  const raw = query
    .split('&')
    .find((p) => p.startsWith('text='))
    ?.slice(5);
  if (!raw) return '';
  const bytes = percentBytes(raw);
  const cs = (charset ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (cs === 'UTF16BE' || cs === 'UCS2' || cs === 'UTF16' || (!cs && coding === '2')) {
    const even = bytes.length - (bytes.length % 2);
    return Buffer.from(bytes.subarray(0, even)).swap16().toString('utf16le');
  }
  if (cs === 'ISO88591' || cs === 'LATIN1' || cs === 'WINDOWS1252') return bytes.toString('latin1');
  return bytes.toString('utf8');
}

function percentBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hex = s.slice(i + 1, i + 3);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (c === 0x2b) out.push(0x20);
    else out.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(out);
}
