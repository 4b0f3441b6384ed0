import { startTestStorage, type TestStorage } from '../harness/testStorage';
import { TableConsentStore } from '../../src/consent/tableConsentStore';
import { TableScopeStore } from '../../src/scope/tableScopeStore';
import { consentStoreContract } from './consentStore.contract';
import { scopeStoreContract } from './scopeStore.contract';

// One Azurite for both suites (2 cores: keep start-ups few).
let storage: Promise<TestStorage> | undefined;
const shared = () => (storage ??= startTestStorage());

consentStoreContract('Azure Table Storage (Azurite)', async () => ({ store: new TableConsentStore((await shared()).tables), close: async () => {} }));
scopeStoreContract('Azure Table Storage (Azurite)', async () => ({ store: new TableScopeStore((await shared()).tables), close: async () => {} }));

afterAll(async () => {
  if (storage) await (await storage).close();
});
