import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets never reach them (tokens and passwords are redacted by path). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'linkedin-connections-assistant' },
      redact: {
        paths: ['req.headers.authorization', '*.authorization', '*.password', '*.appPassword', '*.connectionString'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
