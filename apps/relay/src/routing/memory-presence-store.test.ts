import { createMemoryPresenceStore } from './memory-presence-store';
import { presenceStoreContract } from './presence-store-contract';

presenceStoreContract('in-process', createMemoryPresenceStore);
