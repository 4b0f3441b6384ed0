import { BackgroundTasks } from '../../src/lifecycle/backgroundTasks';
import { createLogger } from '../../src/logging';

describe('BackgroundTasks', () => {
  it('stops every task in reverse order, even when one fails, and reports the failures', async () => {
    const tasks = new BackgroundTasks();
    const stopped: string[] = [];
    tasks.register({ name: 'first', stop: async () => void stopped.push('first') });
    tasks.register({
      name: 'broken',
      stop: async () => {
        stopped.push('broken');
        throw new Error('cannot stop');
      },
    });
    tasks.register({ name: 'last', stop: async () => void stopped.push('last') });
    expect(tasks.names).toEqual(['first', 'broken', 'last']);
    expect(await tasks.stopAll(createLogger('silent'))).toEqual(['broken']);
    expect(stopped).toEqual(['last', 'broken', 'first']);
    expect(tasks.names).toEqual([]);
  });

  it('refuses new tasks once shutdown has begun', async () => {
    const tasks = new BackgroundTasks();
    await tasks.stopAll(createLogger('silent'));
    expect(() => tasks.register({ name: 'late', stop: async () => {} })).toThrow(/shutting down/);
  });
});
