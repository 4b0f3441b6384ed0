import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One Application Insights item, as the Azure Monitor exporter sends it. */
export interface Envelope {
  name: string;
  data: { baseType: string; baseData: Record<string, unknown> };
}

/**
 * Application Insights' ingestion endpoint on loopback (the IngestionEndpoint of a connection
 * string): collects what the app reports. The exporter only speaks https, so the stub serves
 * a self-signed certificate for 127.0.0.1, which the app trusts through NODE_EXTRA_CA_CERTS
 * (`trustEnvironment`).
 */
export class IngestionStub {
  readonly envelopes: Envelope[] = [];
  private server?: https.Server;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingestion-stub-'));

  async start(): Promise<this> {
    const key = path.join(this.dir, 'key.pem');
    const cert = path.join(this.dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    );
    this.server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        let items: Envelope[] = [];
        try {
          const parsed = JSON.parse(body.toString('utf8') || '[]') as Envelope | Envelope[];
          items = Array.isArray(parsed) ? parsed : [parsed];
        } catch {
          items = [];
        }
        if (req.url?.includes('/track')) this.envelopes.push(...items);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Environment for the app's process: trust the stub's certificate. */
  get trustEnvironment(): Record<string, string> {
    return { NODE_EXTRA_CA_CERTS: path.join(this.dir, 'cert.pem') };
  }

  /** A connection string that sends everything here. */
  get connectionString(): string {
    const { port } = this.server!.address() as AddressInfo;
    const url = `https://127.0.0.1:${port}/`;
    return `InstrumentationKey=4f1e6a2b-3c5d-4e7f-8a9b-0c1d2e3f4a5b;IngestionEndpoint=${url};LiveEndpoint=${url}`;
  }

  ofType(baseType: string): Array<Record<string, unknown>> {
    return this.envelopes.filter((e) => e.data?.baseType === baseType).map((e) => e.data.baseData);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
