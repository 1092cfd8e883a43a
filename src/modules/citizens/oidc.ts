// Login through the provincial identity platform (省统一身份认证, OpenID Connect authorization code flow with
// PKCE, openid-client). The platform proves who the person is; the account is found by the platform's subject, or
// by a phone number the platform verified, or created. State, nonce and the PKCE verifier travel in a short-lived
// cookie signed with the installation's key.
import * as client from 'openid-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { setCitizenCookie } from './citizens.routes.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

const STATE_COOKIE = 'gp_oidc';
const STATE_TTL_MS = 10 * 60_000;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export interface IdentityClaims {
  sub: string;
  name?: string;
  phone_number?: string;
  phone_number_verified?: boolean;
  email?: string;
  email_verified?: boolean;
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  back: string;
  exp: number;
}

export async function oidcRoutes(
  app: App,
  ctx: AppContext,
  helpers: { redirect: (reply: FastifyReply, to: string) => FastifyReply; backOf: (v: unknown) => string },
): Promise<void> {
  const { config, citizens } = ctx;
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    const oidc = config.oidc;
    if (!oidc) throw new AppError('CITIZEN_OIDC_UNAVAILABLE');
    discovered ??= client
      .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret || undefined, undefined, {
        // Plain HTTP only for a provider on this machine (development and the tests' provider).
        execute: LOOPBACK.test(new URL(oidc.issuer).hostname) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  const callbackUrl = (request: FastifyRequest) =>
    `${config.publicBaseUrl ?? `${request.protocol}://${request.host}`}/user/oidc/callback`;
  const seal = async (p: Pending) => {
    const body = Buffer.from(JSON.stringify(p)).toString('base64url');
    return `${body}.${(await citizens.keys.cipher()).sign('oidc', body)}`;
  };
  const unseal = async (value: string | undefined): Promise<Pending | null> => {
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac || (await citizens.keys.cipher()).sign('oidc', body) !== mac) return null;
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Pending;
    return p.exp > Date.now() ? p : null;
  };

  app.get('/user/oidc/start', { config: PUBLIC_ROUTE, schema: { hide: true } }, async (request, reply) => {
    const conf = await configuration();
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      back: helpers.backOf((request.query as Record<string, unknown>).back),
      exp: Date.now() + STATE_TTL_MS,
    };
    reply.setCookie(STATE_COOKIE, await seal(pending), {
      path: '/user/oidc/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: STATE_TTL_MS / 1000,
    });
    const url = client.buildAuthorizationUrl(conf, {
      redirect_uri: callbackUrl(request),
      scope: 'openid profile phone email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return helpers.redirect(reply, url.toString());
  });

  app.get('/user/oidc/callback', { config: PUBLIC_ROUTE, schema: { hide: true } }, async (request, reply) => {
    const conf = await configuration();
    const pending = await unseal(request.cookies[STATE_COOKIE]);
    reply.clearCookie(STATE_COOKIE, { path: '/user/oidc/' });
    if (!pending) throw new AppError('CITIZEN_OIDC_FAILED');
    let claims: IdentityClaims;
    try {
      const current = new URL(`${callbackUrl(request)}${request.url.slice(request.url.indexOf('?'))}`);
      const tokens = await client.authorizationCodeGrant(conf, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims() as unknown as IdentityClaims | undefined;
      if (!idToken?.sub) throw new Error('no subject');
      // Scope claims (name, phone) usually come from the UserInfo endpoint rather than the ID token.
      const info = conf.serverMetadata().userinfo_endpoint
        ? ((await client.fetchUserInfo(conf, tokens.access_token, idToken.sub)) as unknown as IdentityClaims)
        : ({} as Partial<IdentityClaims>);
      claims = { ...info, ...idToken, sub: idToken.sub };
    } catch (error) {
      request.log.warn({ err: error }, 'identity platform login failed');
      throw new AppError('CITIZEN_OIDC_FAILED');
    }
    const { token } = await citizens.accounts.signInWithIdentity(
      config.oidc!.issuer,
      claims,
      request.ip,
      String(request.headers['user-agent'] ?? ''),
    );
    setCitizenCookie(reply, config, token);
    return helpers.redirect(reply, pending.back);
  });
}
