import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One token request, as App Service's managed identity endpoint receives it. */
export interface TokenRequest {
  resource: string;
  clientId?: string;
  identityHeader?: string;
}

/**
 * App Service's managed identity endpoint on loopback (what IDENTITY_ENDPOINT and
 * IDENTITY_HEADER point at in Azure): @azure/identity's ManagedIdentityCredential asks it for
 * tokens, so the managed identity code path runs for real offline.
 */
export class ManagedIdentityStub {
  readonly requests: TokenRequest[] = [];
  readonly identityHeader = 'test-identity-header';
  private server?: http.Server;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: TokenRequest = {
        resource: url.searchParams.get('resource') ?? '',
        clientId: url.searchParams.get('client_id') ?? undefined,
        identityHeader: req.headers['x-identity-header'] as string | undefined,
      };
      this.requests.push(request);
      res.setHeader('content-type', 'application/json');
      if (request.identityHeader !== this.identityHeader) {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: 'missing or wrong X-IDENTITY-HEADER' }));
        return;
      }
      res.end(
        JSON.stringify({
          access_token: this.tokenFor(request.resource, request.clientId),
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: request.resource,
          token_type: 'Bearer',
          client_id: request.clientId,
        }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The token this stub issues for a resource and client id: tests recognise it where it is used. */
  tokenFor(resource: string, clientId?: string): string {
    return `msi-token:${clientId ?? 'system'}:${resource}`;
  }

  /** The variables App Service sets for the app's managed identity. */
  get environment(): Record<string, string> {
    const address = this.server!.address() as AddressInfo;
    return { IDENTITY_ENDPOINT: `http://127.0.0.1:${address.port}/msi/token`, IDENTITY_HEADER: this.identityHeader };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
