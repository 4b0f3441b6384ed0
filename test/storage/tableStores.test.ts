import { startTestStorage } from '../harness/testStorage';
import { TableConversationStore } from '../../src/conversations/tableConversationStore';
import { conversationStoreContract } from './conversationStore.contract';

conversationStoreContract('Azure Table Storage (Azurite)', async () => {
  const storage = await startTestStorage();
  return { store: new TableConversationStore(storage.tables), close: () => storage.close() };
});
