import { z } from 'zod';

/** platform.json (protocol §1): where the platform is and what this profile trusts. */
export const PlatformProfileSchema = z
  .object({
    profileVersion: z.literal(1),
    name: z.string().min(1).max(64),
    gatewayUrl: z.url({ protocol: /^https$/ }),
    cashierOrigin: z.url({ protocol: /^https$/ }),
    supportApiUrl: z.url({ protocol: /^https$/ }),
    platformPublicKey: z.string().includes('-----BEGIN PUBLIC KEY-----'),
    // Extra roots trusted for this profile only (a sandbox CA, a corporate TLS proxy). Never system-wide.
    extraCaCertificates: z.array(z.string().includes('-----BEGIN CERTIFICATE-----')).default([]),
    clockSkewToleranceSeconds: z.number().int().min(0).max(3600).default(300),
    cashierReadyBudgetMs: z.number().int().min(500).max(120_000).default(8000),
  })
  .loose();
export type PlatformProfile = z.infer<typeof PlatformProfileSchema>;
