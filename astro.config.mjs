// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import search from './src/integrations/search.ts';
import offline from './src/integrations/offline.ts';

// The site can live under a sub-path of a static host: BASE_PATH=/tinker/ npm run build
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [mdx(), search(), offline()],
  markdown: {
    // Astro 7's default Markdown processor ignores remark/rehype plugins; the unified
    // processor runs them, so maths is rendered at build time by KaTeX.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { throwOnError: true }]],
    }),
    syntaxHighlight: 'shiki',
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-default' } },
  },
  vite: {
    worker: { format: 'es' },
  },
});
