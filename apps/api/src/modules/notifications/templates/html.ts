/**
 * Safe HTML for mail templates: the `markup` tag escapes every interpolated value unless it is
 * already SafeHtml (another `markup` fragment, or `link()`), so a template cannot forget to escape.
 * (Not named `html`: Prettier would reflow such templates, and a line break inside Japanese text
 * shows as a space.)
 */
const SAFE = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

function fragment(value: unknown): string {
  if (isSafe(value)) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function markup(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => (out += fragment(v) + strings[i + 1]));
  return { [SAFE]: true, value: out };
}

/** An http(s) URL, checked: anything else (javascript:, data:) is a programming error. */
export function checkedUrl(url: string): string {
  const { protocol } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`refusing a ${protocol} link in a mail`);
  return url;
}

/** `<a href="url">label</a>`, the label defaulting to the URL itself. */
export function link(url: string, label: string = url): SafeHtml {
  return markup`<a href="${checkedUrl(url)}" style="color:#1a56db;word-break:break-all">${label}</a>`;
}
