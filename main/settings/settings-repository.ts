import { SettingsSchema, type Settings } from '../../shared/ipc/contract';
import type { RegistryPersistence } from '../config';

/** Where settings live: electron-store in the app, a JSON file (config's JsonFilePersistence) elsewhere. */
export type KeyValuePersistence = RegistryPersistence;

export const DEFAULT_SETTINGS: Settings = { language: 'zh-CN' };

export class SettingsRepository {
  constructor(private readonly persistence: KeyValuePersistence) {}

  get(): Settings {
    const parsed = SettingsSchema.safeParse(this.persistence.read());
    // A settings file from an older or damaged install falls back to defaults rather than failing start-up.
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    this.persistence.write(next);
    return next;
  }
}
