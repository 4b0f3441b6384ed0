import { startTestStorage } from '../harness/testStorage';
import { TableFaqFeedbackStore } from '../../src/faq/tableFeedbackStore';
import { faqFeedbackStoreContract } from './faqFeedbackStore.contract';

faqFeedbackStoreContract('Azure Table Storage (Azurite)', async () => {
  const storage = await startTestStorage();
  return { store: new TableFaqFeedbackStore(storage.tables), close: () => storage.close() };
});
