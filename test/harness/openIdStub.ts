import http from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the Bot Framework's OpenID metadata and signing keys on loopback, so token
 * validation runs for real offline: tokens signed with `trustedKey` verify, others do not.
 */
export class OpenIdStub {
  private server?: http.Server;
  readonly kid = 'test-signing-key';
  private readonly trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/.well-known/openidconfiguration')) {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url?.startsWith('/keys')) {
        const jwk = this.trusted.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, kty: 'RSA', use: 'sig', endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A channel token for `audience`, signed with the trusted key, or with another key (forged). */
  token(audience: string, options: { forged?: boolean; kid?: string; serviceUrl?: string } = {}): string {
    const key: KeyObject = options.forged ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : this.trusted.privateKey;
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.kid };
    const payload = { iss: 'https://api.botframework.com', aud: audience, nbf: now - 60, iat: now - 60, exp: now + 600, serviceurl: options.serviceUrl };
    const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signed = `${encode(header)}.${encode(payload)}`;
    return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
  }
}
