/**
 * Help texts as the Zap editor shows them: Markdown (links, `code`, **bold**, lists) rendered to HTML with the
 * installed `marked`. The texts are the app's own, but nothing in them can run or load anything: raw HTML is shown
 * as text, links keep only http(s) and mailto addresses, and images become their alt text.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';
import type { MarkedExtension, Tokens } from 'marked';

type MarkedModule = typeof import('marked');

/**
 * marked 18 ships an ES module (its `main`) and a UMD build. Jest's CommonJS runtime cannot load the ES module, and
 * Node loads the UMD file as an ES module too (the package says `"type": "module"`), so the UMD build is compiled
 * here as the CommonJS module it is written to be. Same library, same version, on every Node and under jest.
 */
function loadMarked(): MarkedModule {
  const file = join(dirname(require.resolve('marked/package.json')), 'lib', 'marked.umd.js');
  const module = { exports: {} as MarkedModule };
  (
    compileFunction(readFileSync(file, 'utf8'), ['exports', 'module'], { filename: file }) as (
      exports: unknown,
      module: unknown,
    ) => void
  )(module.exports, module);
  return module.exports;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The address a link may keep: http, https or mailto; anything else (javascript:, data:, relative) is dropped. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

const safeRendering: MarkedExtension = {
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    image: ({ text }: Tokens.Image) => escapeHtml(text),
    link(this: { parser: { parseInline(tokens: Tokens.Link['tokens']): string } }, token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (href === undefined) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} target="_blank" rel="noopener noreferrer">${inner}</a>`;
    },
  },
};

let renderer: { parse(markdown: string): string | Promise<string> } | undefined;

/** A help text as HTML (a paragraph or more); empty text gives an empty string. */
export function helpToHtml(markdown: string | undefined): string {
  if (!markdown?.trim()) return '';
  renderer ??= new (loadMarked().Marked)(safeRendering);
  return String(renderer.parse(markdown)).trim();
}
