import { describe, expect, it } from 'vitest';
import { escapeHtml, parseTemplate, renderTemplate } from './template';

const known = new Set(['member.salutation', 'member.name', 'business.name']);

describe('message templates', () => {
  it('fills variables, with defaults for empty values', () => {
    const src =
      '{{ member.salutation }}您好，{{business.name}}想念您。{{ member.name | default: "朋友" }}';
    expect(
      renderTemplate(src, {
        'member.salutation': '林小姐',
        'business.name': '熟客火鍋',
        'member.name': '',
      }),
    ).toBe('林小姐您好，熟客火鍋想念您。朋友');
  });

  it('reports unknown variables and malformed slots', () => {
    const { problems } = parseTemplate(
      'Hi {{ member.password }} {{ 1+1 }} {{ constructor }}',
      known,
    );
    expect(problems.map((p) => p.code)).toEqual(['unknown_variable', 'syntax', 'unknown_variable']);
  });

  it('cannot run code or reach past the variables given', () => {
    const vars = Object.create(null) as Record<string, string>;
    expect(renderTemplate('{{ constructor }}{{ __proto__ }}{{ toString }}', vars)).toBe(
      '{{ __proto__ }}{{ toString }}',
    );
    expect(renderTemplate('{{ constructor }}', {})).toBe('');
  });

  it('escapes hostile member data in HTML and leaves SMS text alone', () => {
    const vars = { 'member.name': '<script>alert("x")</script>&' };
    expect(renderTemplate('<p>Hi {{ member.name }}</p>', vars, 'html')).toBe(
      '<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</p>',
    );
    expect(renderTemplate('Hi {{ member.name }}', vars, 'text')).toBe(
      'Hi <script>alert("x")</script>&',
    );
    expect(renderTemplate('a < b\n{{ member.name }}', vars, 'text-as-html')).toBe(
      `a &lt; b<br>\n${escapeHtml(vars['member.name'])}`,
    );
  });
});
