import type { FaqFeedbackStore } from '../../src/faq/feedbackStore';

/** The behaviour every FaqFeedbackStore must have; run against each implementation. */
export function faqFeedbackStoreContract(name: string, open: () => Promise<{ store: FaqFeedbackStore; close: () => Promise<void> }>): void {
  describe(`FaqFeedbackStore contract: ${name}`, () => {
    let store: FaqFeedbackStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(() => close());

    test('an entry nobody rated has zero counts', async () => {
      expect(await store.get('tenant-a', 'retention')).toEqual({ entryId: 'retention', helpful: 0, notHelpful: 0 });
    });

    test('votes add up per entry and per answer', async () => {
      expect(await store.record('tenant-a', 'contacts', true)).toEqual({ entryId: 'contacts', helpful: 1, notHelpful: 0 });
      await store.record('tenant-a', 'contacts', true);
      expect(await store.record('tenant-a', 'contacts', false)).toEqual({ entryId: 'contacts', helpful: 2, notHelpful: 1 });
      expect(await store.get('tenant-a', 'contacts')).toEqual({ entryId: 'contacts', helpful: 2, notHelpful: 1 });
    });

    test('concurrent votes are all counted, including the first ones on a new entry', async () => {
      const votes = Array.from({ length: 24 }, (_, i) => store.record('tenant-a', 'disconnect', i % 3 !== 0));
      await Promise.all(votes);
      expect(await store.get('tenant-a', 'disconnect')).toEqual({ entryId: 'disconnect', helpful: 16, notHelpful: 8 });
    });

    test('organizations are counted apart, and odd characters in keys are safe', async () => {
      await store.record("tenant-'b", 'calendar-data', true);
      await store.record("tenant-'b", 'entry/with#odd?chars', false);
      expect(await store.list("tenant-'b")).toEqual([
        { entryId: 'calendar-data', helpful: 1, notHelpful: 0 },
        { entryId: 'entry/with#odd?chars', helpful: 0, notHelpful: 1 },
      ]);
      expect((await store.list('tenant-a')).map((c) => c.entryId)).toEqual(['contacts', 'disconnect']);
    });
  });
}
