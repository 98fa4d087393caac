/**
 * Message templates: text with `{{ variable }}` and `{{ variable | default: "text" }}` slots and
 * nothing else — no code, no loops, no access beyond the variables given, so a template can
 * neither run anything nor reach data it was not handed. Values are escaped for HTML parts and
 * left as they are for SMS and plain text.
 */
export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'var'; name: string; fallback: string | null };

export type TemplateProblem = { code: 'syntax' | 'unknown_variable'; at: number; detail: string };

const SLOT =
  /\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\s*(?:\|\s*default:\s*"([^"{}]*)"\s*)?\}\}/gy;

/** Splits a template into text and variable slots, or reports where it is malformed. */
export function parseTemplate(
  source: string,
  known?: ReadonlySet<string>,
): { parts: TemplatePart[]; problems: TemplateProblem[] } {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      parts.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: source.slice(i, open) });
    SLOT.lastIndex = open;
    const m = SLOT.exec(source);
    if (!m) {
      const close = source.indexOf('}}', open);
      problems.push({
        code: 'syntax',
        at: open,
        detail: source.slice(open, close < 0 ? open + 20 : close + 2),
      });
      parts.push({ kind: 'text', text: source.slice(open, open + 2) });
      i = open + 2;
      continue;
    }
    const name = m[1]!;
    if (known && !known.has(name))
      problems.push({ code: 'unknown_variable', at: open, detail: name });
    parts.push({ kind: 'var', name, fallback: m[2] ?? null });
    i = SLOT.lastIndex;
  }
  return { parts, problems };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export type RenderMode = 'text' | 'html' | 'text-as-html';

/**
 * Fills the slots. 'html': the template is HTML written by staff, values are escaped.
 * 'text-as-html': a plain-text template turned into HTML, everything escaped, lines kept.
 */
export function renderParts(
  parts: TemplatePart[],
  vars: Readonly<Record<string, string | null | undefined>>,
  mode: RenderMode,
): string {
  const out = parts.map((p) => {
    if (p.kind === 'text') return mode === 'text-as-html' ? escapeHtml(p.text) : p.text;
    // Own string values only: nothing reachable through the prototype.
    const raw = Object.hasOwn(vars, p.name) ? vars[p.name] : undefined;
    const value = typeof raw === 'string' && raw !== '' ? raw : (p.fallback ?? '');
    return mode === 'text' ? value : escapeHtml(value);
  });
  const joined = out.join('');
  return mode === 'text-as-html' ? joined.replace(/\r?\n/g, '<br>\n') : joined;
}

/** Parses and renders in one go (slots that do not parse are left as written). */
export function renderTemplate(
  source: string,
  vars: Readonly<Record<string, string | null | undefined>>,
  mode: RenderMode = 'text',
): string {
  return renderParts(parseTemplate(source).parts, vars, mode);
}
