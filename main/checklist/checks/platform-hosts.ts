import type { CheckContext } from '../check-context';

/** The hosts a Baitiao payment depends on: the platform's three surfaces and the store's own site. */
export function platformUrls(ctx: Pick<CheckContext, 'profile' | 'store'>) {
  return [
    { role: 'gateway', url: ctx.profile.gatewayUrl },
    { role: 'cashier', url: ctx.profile.cashierOrigin },
    { role: 'support', url: ctx.profile.supportApiUrl },
    { role: 'store', url: ctx.store.storeUrl },
  ] as const;
}
