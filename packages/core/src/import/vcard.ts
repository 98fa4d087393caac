import type { Cell } from './cells';

/** The columns a vCard file is read into; their names are what the mapping suggests from. */
export const VCARD_HEADERS = ['Name', 'Mobile', 'Other phones', 'Email', 'Birthday', 'Address'];

type Prop = { name: string; params: string[]; value: string };

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  const s = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  const label = /^utf-?8$/i.test(charset) || !charset ? 'utf-8' : charset.toLowerCase();
  try {
    return new TextDecoder(label).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

function parseProp(line: string): Prop | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const [rawName = '', ...params] = line.slice(0, colon).split(';');
  const name = rawName.replace(/^item\d+\./i, '').toUpperCase();
  let value = line.slice(colon + 1);
  const upper = params.map((p) => p.toUpperCase());
  if (upper.some((p) => p.includes('QUOTED-PRINTABLE'))) {
    const charset = params.find((p) => /^charset=/i.test(p))?.split('=')[1] ?? 'utf-8';
    value = decodeQuotedPrintable(value, charset);
  }
  value = value.replace(/\\n/gi, ' ').replace(/\\([,;\\])/g, '$1');
  return { name, params: upper, value };
}

const unescapeParts = (v: string) => v.split(/(?<!\\);/).map((s) => s.trim());

function birthday(v: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * Contacts exported from phones (vCard 2.1, 3.0, 4.0; iPhone and Android), one row per card:
 * name (FN, or N put together), the mobile number and other numbers, email, birthday, address.
 * Row numbers are the cards' positions in the file.
 */
export function parseVCards(text: string): { headers: string[]; rows: Cell[][] } {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .replace(/\n[ \t]/g, '')
    .split(/\r?\n/);
  const rows: Cell[][] = [];
  let props: Prop[] | null = null;
  let pending = '';
  for (const raw of lines) {
    // vCard 2.1 quoted-printable values continue with a trailing "=".
    const line = pending + raw;
    if (/QUOTED-PRINTABLE/i.test(line.split(':')[0] ?? '') && line.endsWith('=')) {
      pending = line.slice(0, -1);
      continue;
    }
    pending = '';
    if (/^BEGIN:VCARD/i.test(line)) props = [];
    else if (/^END:VCARD/i.test(line) && props) {
      rows.push(toRow(props));
      props = null;
    } else if (props) {
      const p = parseProp(line);
      if (p) props.push(p);
    }
  }
  return { headers: VCARD_HEADERS, rows };
}

function toRow(props: Prop[]): Cell[] {
  const get = (n: string) => props.filter((p) => p.name === n);
  let name = get('FN')[0]?.value.trim() ?? '';
  if (!name) {
    const [family = '', given = ''] = unescapeParts(get('N')[0]?.value ?? '');
    const cjk = /\p{Script=Han}/u.test(family + given);
    name = (cjk ? `${family}${given}` : `${given} ${family}`).trim();
  }
  const tels = get('TEL');
  const mobile =
    tels.find((t) => t.params.some((p) => /CELL|MOBILE|IPHONE/.test(p))) ?? tels[0] ?? null;
  const others = tels.filter((t) => t !== mobile).map((t) => t.value.trim());
  const adr = get('ADR')[0];
  const address = adr ? unescapeParts(adr.value).filter(Boolean).reverse().join(' ') : '';
  return [
    name || null,
    mobile?.value.trim() || null,
    others.join(', ') || null,
    get('EMAIL')[0]?.value.trim() || null,
    birthday(get('BDAY')[0]?.value ?? '') ?? null,
    address || null,
  ];
}
