import type { Logger } from '../logging';

/** Work the app runs outside requests (a delivery loop, a timer), stopped on shutdown. */
export interface BackgroundTask {
  readonly name: string;
  /** Finishes or saves the unit of work in progress, stops the loop, and resolves once stopped. */
  stop(): Promise<void>;
}

/**
 * The background work the app has started, so that shutdown can stop all of it after the last
 * request and before storage closes. Tasks stop in reverse order of registration (a task may
 * depend on one registered before it); one failing to stop does not keep the others running.
 */
export class BackgroundTasks {
  private readonly tasks: BackgroundTask[] = [];
  private stopped = false;

  register(task: BackgroundTask): void {
    if (this.stopped) throw new Error(`cannot start background task "${task.name}": the app is shutting down`);
    this.tasks.push(task);
  }

  get names(): string[] {
    return this.tasks.map((t) => t.name);
  }

  /** Stops every task; resolves to the names of those that failed to stop cleanly. */
  async stopAll(logger: Logger): Promise<string[]> {
    this.stopped = true;
    const failed: string[] = [];
    for (const task of [...this.tasks].reverse()) {
      try {
        await task.stop();
        logger.debug({ task: task.name }, 'background task stopped');
      } catch (err) {
        failed.push(task.name);
        logger.error({ err, task: task.name }, 'background task did not stop cleanly');
      }
    }
    this.tasks.length = 0;
    return failed;
  }
}
