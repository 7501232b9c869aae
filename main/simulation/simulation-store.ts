import type { StoreConfig } from '../../shared/config/store-config';

/**
 * The fields of store.json a simulation uses. A subset rather than StoreConfig itself, so both the
 * sandbox's config (key inline) and the importer's (key replaced by where it came from) fit.
 */
export type SimulationStore = Pick<
  StoreConfig,
  'appId' | 'merchantNo' | 'charset' | 'storeUrl' | 'returnUrl' | 'notifyUrl' | 'testOrder' | 'baitiao'
>;
