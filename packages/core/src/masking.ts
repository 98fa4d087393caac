/** w***@example.com: enough to recognise, not enough to use. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Keeps the district, hides the street: 台北市信義區*** */
export function maskAddress(address: string): string {
  const t = address.trim();
  if (!t) return '';
  const area = /^(.{1,12}?[區区鄉乡鎮镇])/u.exec(t) ?? /^(.{1,8}?[市縣县])/u.exec(t);
  if (area) return `${area[1]}***`;
  return `${t.slice(0, Math.min(6, Math.floor(t.length / 3)))}***`;
}
