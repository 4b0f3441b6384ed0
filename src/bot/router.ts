import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z, type ZodType } from 'zod';
import { ADMIN_COMMANDS, parseCommand, type CommandName } from './commands';
import { inLanguage, type Turn } from './turn';
import { sendInvokeResponse, sendReply } from './replies';
import type { AdaptiveCard } from '../cards/renderCard';
import { VERBS } from '../cards/verbs';

export type CommandHandler = (turn: Turn, arg: string | undefined) => Promise<void>;
export type SubmitHandler<T> = (turn: Turn, data: T) => Promise<void>;
export type ExecuteHandler<T> = (turn: Turn, data: T) => Promise<AdaptiveCard | string>;
export type TurnFactory = (context: TurnContext) => Turn | undefined;

const ACTION_INVOKE = 'adaptiveCard/action';

/** Longest message treated as a question; beyond it the user is asked to be briefer. */
export const MAX_TEXT_LENGTH = 2000;

interface CardAction {
  kind: 'submit' | 'execute';
  schema: ZodType;
  handler: SubmitHandler<unknown> | ExecuteHandler<unknown>;
}

/**
 * Collects what each feature handles (commands, card verbs, the free-text question handler) and
 * installs it on a teams-ai Application in a safe order: card actions first, then anchored
 * commands, then free text, then the catch-all for unknown or stale card actions.
 */
export class BotRouter {
  private readonly commands = new Map<CommandName, CommandHandler>();
  private readonly actions = new Map<string, CardAction>();
  private questionHandler?: (turn: Turn, text: string) => Promise<void>;
  private freshCard?: (turn: Turn) => AdaptiveCard;
  private adminRefusal?: (turn: Turn, command: CommandName) => Promise<void>;

  command(name: CommandName, handler: CommandHandler): this {
    if (this.commands.has(name)) throw new Error(`Command ${name} has two handlers`);
    this.commands.set(name, handler);
    return this;
  }

  /** An Action.Submit verb: the card posts a message; the handler replies with new messages. */
  submit<T>(verb: string, schema: ZodType<T>, handler: SubmitHandler<T>): this {
    return this.addAction(verb, { kind: 'submit', schema, handler: handler as SubmitHandler<unknown> });
  }

  /** An Action.Execute verb: the handler's card replaces the pressed card in place. */
  execute<T>(verb: string, schema: ZodType<T>, handler: ExecuteHandler<T>): this {
    return this.addAction(verb, { kind: 'execute', schema, handler: handler as ExecuteHandler<unknown> });
  }

  /** Free text that is not a command. */
  question(handler: (turn: Turn, text: string) => Promise<void>): this {
    this.questionHandler = handler;
    return this;
  }

  /** The card sent when a card action is unknown, stale or carries bad data. */
  outdatedCard(build: (turn: Turn) => AdaptiveCard): this {
    this.freshCard = build;
    return this;
  }

  /** What happens when a non-admin sends an admin command (the default is a polite refusal). */
  onAdminRefused(handler: (turn: Turn, command: CommandName) => Promise<void>): this {
    this.adminRefusal = handler;
    return this;
  }

  /** Every card verb with a handler. */
  get verbs(): string[] {
    return [...this.actions.keys()];
  }

  get commandNames(): CommandName[] {
    return [...this.commands.keys()];
  }

  /** Runs a command as if the user had typed it; false when no feature handles it. */
  async runCommand(turn: Turn, name: CommandName, arg?: string): Promise<boolean> {
    const handler = this.commands.get(name);
    if (!handler) return false;
    if (ADMIN_COMMANDS.has(name) && !turn.isAdmin) {
      if (this.adminRefusal) await this.adminRefusal(turn, name);
      else await turn.context.sendActivity(turn.t('common.adminOnly'));
      return true;
    }
    await handler(turn, arg);
    return true;
  }

  install<TState extends TurnState>(app: Application<TState>, makeTurn: TurnFactory): void {
    const withTurn = (fn: (turn: Turn) => Promise<void>) => async (context: TurnContext) => {
      const turn = makeTurn(context);
      if (turn) await fn(turn);
    };

    this.addAction(VERBS.runCommand, {
      kind: 'submit',
      schema: z.object({ command: z.string() }),
      handler: (async (turn: Turn, data: { command: string }) => {
        const parsed = parseCommand(data.command);
        if (!parsed || !(await this.runCommand(turn, parsed.name, parsed.arg))) await this.sendOutdated(turn);
      }) as SubmitHandler<unknown>,
    });

    for (const [verb, action] of this.actions) {
      if (action.kind === 'execute') {
        app.adaptiveCards.actionExecute(verb, async (context) => {
          const turn = makeTurn(context);
          if (!turn) return '';
          const parsed = action.schema.safeParse(context.activity.value?.action?.data ?? {});
          if (!parsed.success) return this.outdated(turn);
          return (action.handler as ExecuteHandler<unknown>)(turn, parsed.data);
        });
      } else {
        app.adaptiveCards.actionSubmit(verb, async (context) => {
          const turn = makeTurn(context);
          if (!turn) return;
          const parsed = action.schema.safeParse(context.activity.value ?? {});
          if (!parsed.success) return this.sendOutdated(turn);
          await (action.handler as SubmitHandler<unknown>)(turn, parsed.data);
        });
      }
    }

    app.message(
      async (context) => context.activity.type === ActivityTypes.Message && parseCommand(context.activity.text) !== undefined,
      withTurn(async (turn) => {
        const parsed = parseCommand(turn.context.activity.text)!;
        const answerIn = parsed.lang ? inLanguage(turn, parsed.lang) : turn;
        if (!(await this.runCommand(answerIn, parsed.name, parsed.arg))) await this.handleText(turn);
      }),
    );

    // A submit whose verb no handler knows (an old card, or forged data): offer a fresh card.
    app.message(
      async (context) =>
        context.activity.type === ActivityTypes.Message && !context.activity.text?.trim() && typeof context.activity.value === 'object',
      withTurn((turn) => this.sendOutdated(turn)),
    );

    app.message(
      async (context) => context.activity.type === ActivityTypes.Message,
      withTurn((turn) => this.handleText(turn)),
    );

    app.addRoute(
      async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === ACTION_INVOKE,
      async (context) => {
        const turn = makeTurn(context);
        if (turn) await sendInvokeResponse(context, this.outdated(turn));
      },
      true,
    );
  }

  private addAction(verb: string, action: CardAction): this {
    if (this.actions.has(verb)) throw new Error(`Card verb ${verb} has two handlers`);
    this.actions.set(verb, action);
    return this;
  }

  private async handleText(turn: Turn): Promise<void> {
    const text = (turn.context.activity.text ?? '').trim();
    if (!text) {
      await turn.context.sendActivity(turn.t('common.emptyMessage'));
    } else if (text.length > MAX_TEXT_LENGTH) {
      await turn.context.sendActivity(turn.t('common.tooLong'));
    } else if (this.questionHandler) {
      await this.questionHandler(turn, text);
    } else {
      await turn.context.sendActivity(turn.t('common.notUnderstood'));
    }
  }

  private outdated(turn: Turn): AdaptiveCard | string {
    return this.freshCard ? this.freshCard(turn) : turn.t('common.cardOutdated');
  }

  private async sendOutdated(turn: Turn): Promise<void> {
    await sendReply(turn.context, this.outdated(turn));
  }
}
