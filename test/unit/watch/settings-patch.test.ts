import { describe, expect, it } from 'vitest';
import { WatchSettingsPatchSchema } from '../../../shared/watch/watch-api';

describe('watch settings patch', () => {
  it('carries only the fields given: turning watching on does not reset the interval', () => {
    expect(WatchSettingsPatchSchema.parse({ enabled: true })).toEqual({ enabled: true });
  });

  it('still checks each field and refuses unknown ones', () => {
    expect(WatchSettingsPatchSchema.safeParse({ intervalSeconds: 5 }).success).toBe(false);
    expect(WatchSettingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
