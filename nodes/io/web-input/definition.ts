import { z } from 'zod';
import { defineNode } from '../../core/define';
import { webAddressProblem } from './web-address';

/** An address the loader accepts (http or https, no credentials): the run input's, a known page's. */
export const webAddress = z
  .string()
  .trim()
  .min(1, 'an address may not be empty')
  .max(2048, 'addresses are at most 2,048 characters')
  .superRefine((address, ctx) => {
    const problem = webAddressProblem(address);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Most pages a load is told it knows: a source's pages, at most maxPages (1,000) new ones per load. */
export const MAX_KNOWN_PAGES = 5000;

export const webInputFields = z.object({
  urls: z
    .array(webAddress)
    .min(1, 'give at least one address')
    .max(100, 'at most 100 addresses per run')
    .describe('Addresses of the pages to load (http or https), e.g. ["https://example.com/docs/"]. A sitemap (sitemap.xml or sitemap.xml.gz) stands for the pages it lists.'),
  known: z
    .array(webAddress)
    .max(MAX_KNOWN_PAGES, `at most ${MAX_KNOWN_PAGES.toLocaleString('en')} known pages`)
    .optional()
    .describe(
      'Pages loaded from these addresses before (the last load\'s "addresses" output), to keep the collection in step with the site: each is checked even where no link leads to it any more, and those the site answers 404 or 410 for, or redirects for good (301, 308) to another address, are given on "gone".',
    ),
});

export const webInputConfig = z.object({
  crawlDepth: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(0)
    .describe('How many links deep to follow from each address: 0 loads only the addresses given, 1 also the pages they link to, and so on.'),
  maxPages: z.number().int().min(1).max(1000).default(50).describe('Most pages requested in one run, failures included: the crawl stops there, nearest pages first.'),
  scope: z
    .enum(['path', 'site'])
    .default('path')
    .describe('Which links are followed: "path" only those under the start page\'s folder (https://site/docs/… from https://site/docs/intro), "site" any page on the same host.'),
  useSitemaps: z
    .boolean()
    .default(false)
    .meta({
      title: 'Use sitemaps',
      description:
        'Also load the pages the sites\' sitemaps list (those robots.txt names, else /sitemap.xml), within the folder or site the addresses give (scope): finds pages no link leads to. They count toward maxPages; a site without a sitemap is no failure.',
    }),
  skipPaths: z
    .array(z.string().trim().min(1, 'a skipped path may not be empty').max(200, 'skipped paths are at most 200 characters'))
    .max(50, 'at most 50 skipped paths')
    .default([])
    .describe('Links not to follow, as robots.txt paths: a prefix ("/blog/"), * for anything ("/*/changelog"), $ for the end ("*.pdf$"). The addresses given are always loaded.'),
  respectRobotsTxt: z
    .boolean()
    .default(true)
    .meta({ title: 'Respect robots.txt', description: 'Leave alone the links a site\'s robots.txt disallows (the addresses given are always loaded).' }),
  maxPageMB: z
    .number().min(0.01).max(100).default(10).describe('Pages larger than this (after decompression) are skipped with TOO_LARGE.'),
  maxTotalMB: z
    .number()
    .min(0.1)
    .max(500)
    .default(50)
    .describe('Stop requesting pages once those loaded add up to this much: they travel to the parser as one output (with Redis workers, an output over 128 MB fails).'),
  timeoutSeconds: z.number().min(1).max(120).default(20).describe('Time limit of each page request, redirects included (and, with renderJavaScript, of rendering it).'),
  renderJavaScript: z
    .boolean()
    .default(false)
    .meta({
      title: 'Render JavaScript',
      description:
        'Run each HTML page in a headless Chromium and read it as the browser shows it, for pages built by JavaScript (single-page apps). Slower; needs Chromium on the machine (CHROMIUM_PATH, or a system install). Everything a page fetches goes through this loader, under the same limits and private-network rule; images, fonts and style sheets are not loaded.',
    }),
  allowPrivateNetwork: z
    .boolean()
    .default(false)
    .describe(
      'Allow addresses on the server\'s own network (localhost, 10.x, 192.168.x, link-local such as cloud metadata). Off, such addresses fail with INVALID_INPUT: whoever may run the graph could otherwise read internal services through it.',
    ),
});

export type WebInputConfig = z.infer<typeof webInputConfig>;

export const webInput = defineNode({
  type: 'io.web-input',
  typeVersion: 1,
  title: 'Web pages',
  category: 'io',
  description:
    'Entry point of an ingestion graph that loads web pages: the addresses a caller sends, optionally crawling their links (same folder or site, robots.txt respected). Gives the pages as files for Parse documents, each known by its address.',
  role: 'entry',
  inputs: {},
  outputs: {
    files: { kind: 'file', label: 'Pages' },
    failures: {
      kind: 'json',
      label: 'Failures',
      description: 'The pages that could not be loaded: { count, files: [{ file: address, code, message }] } (the first 50 listed; count has them all).',
    },
    gone: {
      kind: 'json',
      label: 'Gone',
      description: 'Known pages (run input "known") that left the site: it answers 404 or 410 for them, or redirects them for good (301, 308). A list of addresses, for the vector store\'s Remove input.',
    },
    addresses: {
      kind: 'json',
      label: 'Addresses',
      description: 'The pages these addresses now stand for: those loaded, and known pages that could not be checked this time. Give them as "known" to the next load.',
    },
  },
  config: webInputConfig,
  resources: { device: 'any' },
  // a crawl of many pages; each request has its own limit (timeoutSeconds)
  timeoutMs: 900_000,
  io: () => webInputFields,
});
