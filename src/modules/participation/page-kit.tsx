// What the public pages of participation share: the stylesheet (served at /participation/assets/…), the page
// frame in the portal's Layout (meta tags, footer identity, 找错), form fields, the hidden tokens of a form, the
// anonymous form token and device cookie, and sending a personal page (no-store, the site's CSP). Every form is a
// plain POST that works without JavaScript.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement, ReactNode } from 'react';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AssetManifest } from '../portal/assets.ts';
import { Layout } from '../portal/views/Layout.tsx';
import { Breadcrumbs } from '../portal/views/parts.tsx';
import type { Crumb, PublicColumn, ViewContext } from '../portal/views/types.ts';
import { columnHref } from '../portal/views/links.ts';
import { type MetaTag, columnMeta, siteMeta } from '../portal/meta.ts';
import { CARE_COOKIE, cspFor, pageTitle } from '../portal/portal.service.ts';
import { securityHeaders } from '../portal/page-response.ts';
import { renderDocument } from '../portal/views/render.tsx';
import { FORM_COOKIE } from '../citizens/citizens.pages.routes.ts';
import { AppError } from '../../platform/errors.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ASSET_PREFIX = '/participation/assets/';
let manifest: AssetManifest | null = null;
let citizenManifest: AssetManifest | null = null;

const assets = () => {
  manifest ??= AssetManifest.load(path.join(HERE, 'assets'));
  return manifest;
};

/** The stylesheet of these pages, and the proof-of-work script the public account serves at /user/assets/. */
export function pageAssets(): { css: string; challenge: string; conditions: string } {
  citizenManifest ??= AssetManifest.load(path.join(HERE, '..', 'citizens', 'assets'));
  const challenge = citizenManifest.list().find((a) => a.name === 'challenge.js')!;
  const own = (name: string) =>
    `${ASSET_PREFIX}${
      assets()
        .list()
        .find((a) => a.name === name)!.fileName
    }`;
  return {
    css: own('participation.css'),
    challenge: `/user/assets/${challenge.fileName}`,
    conditions: own('survey-conditions.js'),
  };
}

export function assetRoute(app: App): void {
  app.get(`${ASSET_PREFIX}:file`, { config: PUBLIC_ROUTE, schema: { hide: true } }, async (request, reply) => {
    const asset = assets().file((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.contentType)
      .send(asset.body);
  });
}

// ───────────────────────────── the frame ─────────────────────────────

export interface PageMessage {
  kind: 'error' | 'info';
  text: string;
}

/** The column of that name in the site's public tree, with its ancestry (for breadcrumbs and Column* tags). */
export function findColumn(view: ViewContext, name: string): { column: PublicColumn; ancestry: PublicColumn[] } | null {
  const walk = (
    nodes: PublicColumn[],
    trail: PublicColumn[],
  ): { column: PublicColumn; ancestry: PublicColumn[] } | null => {
    for (const n of nodes) {
      if (n.name === name && n.kind !== 'link') return { column: n, ancestry: [...trail, n] };
      const found = walk(n.children, [...trail, n]);
      if (found) return found;
    }
    return null;
  };
  return walk(view.nav, []);
}

export interface ShellProps {
  view: ViewContext;
  title: string;
  /** The column the page belongs to (breadcrumbs, Column* tags). */
  column?: string;
  /** Extra meta tags after Site* and Column* (ArticleTitle, PubDate … on a published record). */
  meta?: MetaTag[];
  /** Crumbs between the column and the page. */
  trail?: Crumb[];
  message?: PageMessage | null;
  challenge?: boolean;
  /** A survey form with conditional questions: shown and hidden as they are answered. */
  conditions?: boolean;
  /** Personal pages and forms are not for search engines. */
  noindex?: boolean;
  children: ReactNode;
}

export function PageShell({
  view,
  title,
  column,
  meta = [],
  trail = [],
  message,
  challenge,
  conditions,
  noindex,
  children,
}: ShellProps) {
  const found = column ? findColumn(view, column) : null;
  const crumbs: Crumb[] = [
    ...(found?.ancestry.map((c) => ({ label: c.name, href: columnHref(view, c) })) ?? []),
    ...trail,
    { label: title },
  ];
  const names = found ? [...found.ancestry].reverse().map((c) => c.name) : [];
  const a = pageAssets();
  return (
    <Layout
      view={view}
      title={pageTitle(view.site, title, ...names)}
      meta={[...siteMeta(view.site), ...(found ? columnMeta(found.column) : []), ...meta]}
      noindex={noindex}
    >
      <link rel="stylesheet" href={a.css} />
      <div className="container pp-page">
        <Breadcrumbs view={view} trail={crumbs} />
        <h1>{title}</h1>
        {message ? (
          <p className={`pp-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
        {children}
      </div>
      {challenge ? <script src={a.challenge} defer></script> : null}
      {conditions ? <script src={a.conditions} defer></script> : null}
    </Layout>
  );
}

export function Field({
  id,
  label,
  hint,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="pp-field">
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="pp-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <span className="pp-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function Hidden({ csrf, idempotencyKey }: { csrf: string; idempotencyKey?: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
    </>
  );
}

// ───────────────────────────── requests ─────────────────────────────

export type Form = Record<string, string | string[]>;

/** application/x-www-form-urlencoded → each field's values (a single value as a string). */
export function parseForm(body: string): Form {
  const out: Form = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

export const one = (form: Form, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
export const all = (form: Form, name: string): string[] => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** Registers the form body parser inside a plugin scope (the JSON API keeps its own parser). */
export function acceptForms(scope: App): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 256 * 1024 },
    (_req, body, done) => done(null, parseForm(String(body))),
  );
}

/** A path both at the root of a host and under a cluster site's /site/<code> prefix. */
export const bothPrefixes = (p: string): string[] => [p, `/site/:siteCode${p}`];

export async function viewOf(ctx: AppContext, request: FastifyRequest) {
  return ctx.portal.viewFor({
    host: request.host,
    path: request.url.split('?')[0]!,
    care: request.cookies[CARE_COOKIE] === '1',
  });
}

/** Sends a personal page: never stored by any cache, the site's CSP and security headers. */
export function sendHtml(reply: FastifyReply, view: ViewContext, element: ReactElement, status = 200) {
  return reply
    .headers(securityHeaders(cspFor(view.site)))
    .header('cache-control', 'no-store')
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderDocument(element));
}

export const redirectTo = (reply: FastifyReply, location: string) =>
  reply.header('cache-control', 'no-store').redirect(location, 303);

export const messageOf = (error: unknown): PageMessage => {
  if (error instanceof AppError) return { kind: 'error', text: error.message };
  throw error;
};
export const statusOf = (error: unknown) => (error instanceof AppError ? error.status : 500);

// ───────────────────────────── anonymous forms ─────────────────────────────

const DEVICE_COOKIE = 'gp_device';
const YEAR_SECONDS = 365 * 86_400;

/** The anonymous form token bound to this browser's gp_form cookie (the same token the account pages use). */
export async function formToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  let value = request.cookies[FORM_COOKIE];
  if (!value || !/^[A-Za-z0-9_-]{22,64}$/.test(value)) {
    value = randomBytes(18).toString('base64url');
    reply.setCookie(FORM_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
    });
  }
  return (await ctx.citizens.keys.cipher()).sign('form', value);
}

export async function checkFormToken(ctx: AppContext, request: FastifyRequest, form: Form): Promise<void> {
  const value = request.cookies[FORM_COOKIE];
  const expected = value ? (await ctx.citizens.keys.cipher()).sign('form', value) : null;
  if (!expected || one(form, '_csrf') !== expected) throw new AppError('CITIZEN_FORM_EXPIRED');
}

/**
 * The keyed hash of this browser's device cookie (set for a year on first visit): an anonymous survey takes one
 * answer per device without knowing who answered.
 */
export async function deviceHash(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  let value = request.cookies[DEVICE_COOKIE];
  if (!value || !/^[A-Za-z0-9_-]{22,64}$/.test(value)) {
    value = randomBytes(18).toString('base64url');
    reply.setCookie(DEVICE_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: YEAR_SECONDS,
      secure: ctx.config.secureCookies,
    });
  }
  return (await ctx.citizens.keys.cipher()).lookupHash('survey-device', value);
}
