import { z } from 'zod';
import dotenv from 'dotenv';

/**
 * The only place that reads the environment. Every variable of the product contract is here,
 * parsed once into a frozen, typed object; a bad value stops start-up with one clear line.
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const commaList = (itemSchema: z.ZodString) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(itemSchema));

/** An empty variable (PORT=) means "use the default", not zero. */
const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be GUIDs (Entra object or tenant ids)');

export const configSchema = z
  .object({
    PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(3978)),
    BOT_ID: optionalString,
    BOT_PASSWORD: optionalString,
    BOT_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    BOT_TENANT_ID: optionalString,
    STORAGE_CONNECTION_STRING: optionalString,
    STORAGE_ACCOUNT_URL: optionalString.pipe(z.string().url('must be a URL such as https://<account>.table.core.windows.net').optional()),
    ADMIN_AAD_OBJECT_IDS: commaList(guid),
    DIRECTORY_FILE: optionalString,
    INTEGRATION_DEFAULT: z.preprocess(emptyAsUnset, z.enum(['all', 'off']).default('all')),
    ANNOUNCE_RATE_PER_SEC: z.preprocess(emptyAsUnset, z.coerce.number().positive().max(1000).default(30)),
    ANNOUNCE_LEASE_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().min(1).max(600).default(30)),
    ALLOWED_TENANT_IDS: commaList(guid),
    LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    DATA_DIR: optionalString,
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.BOT_ID && env.BOT_TYPE !== 'UserAssignedMSI' && !env.BOT_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'is required when BOT_ID is set (unless BOT_TYPE=UserAssignedMSI)' });
    }
    if (env.BOT_TYPE && env.BOT_TYPE !== 'MultiTenant' && env.BOT_ID && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: `is required when BOT_TYPE=${env.BOT_TYPE}` });
    }
  });

/** Every environment variable the app reads; the infrastructure template must set each one or say why not. */
export const CONFIG_KEYS = Object.keys(configSchema.innerType().shape) as (keyof z.input<typeof configSchema>)[];

export interface Config {
  readonly port: number;
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId?: string;
  };
  /** No BOT_ID: tokens are not checked, so the server must listen on loopback only. */
  readonly noAuthLocalMode: boolean;
  readonly storage:
    | { readonly kind: 'connectionString'; readonly connectionString: string }
    | { readonly kind: 'accountUrl'; readonly accountUrl: string }
    | { readonly kind: 'embedded'; readonly dataDir: string };
  readonly adminAadObjectIds: readonly string[];
  readonly directoryFile?: string;
  readonly integrationDefault: 'all' | 'off';
  readonly announceRatePerSec: number;
  /** How long an instance owns an announcement job without renewing; a crashed instance's job resumes after it. */
  readonly announceLeaseSeconds: number;
  readonly allowedTenantIds: readonly string[];
  readonly logLevel: string;
  readonly applicationInsightsConnectionString?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The process environment, with a `.env` file in the working directory applied first if present. */
export function readEnvironment(): NodeJS.ProcessEnv {
  dotenv.config({ quiet: true });
  return process.env;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  const e = parsed.data;
  const storage: Config['storage'] = e.STORAGE_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING }
    : e.STORAGE_ACCOUNT_URL
      ? { kind: 'accountUrl', accountUrl: e.STORAGE_ACCOUNT_URL }
      : { kind: 'embedded', dataDir: e.DATA_DIR ?? '.data' };
  return deepFreeze({
    port: e.PORT,
    bot: {
      appId: e.BOT_ID,
      appPassword: e.BOT_PASSWORD,
      appType: e.BOT_TYPE ?? 'MultiTenant',
      tenantId: e.BOT_TENANT_ID,
    },
    noAuthLocalMode: !e.BOT_ID,
    storage,
    adminAadObjectIds: e.ADMIN_AAD_OBJECT_IDS.map((id) => id.toLowerCase()),
    directoryFile: e.DIRECTORY_FILE,
    integrationDefault: e.INTEGRATION_DEFAULT,
    announceRatePerSec: e.ANNOUNCE_RATE_PER_SEC,
    announceLeaseSeconds: e.ANNOUNCE_LEASE_SECONDS,
    allowedTenantIds: e.ALLOWED_TENANT_IDS.map((id) => id.toLowerCase()),
    logLevel: e.LOG_LEVEL,
    applicationInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
  });
}
