/** The demo merchant: apart from the sandbox so the app can list the demo store without starting it. */
export const SANDBOX_MERCHANT = {
  merchantNo: '2088000000000001',
  // Sandbox app ids carry the BTSB prefix, the convention cfg.environment reads.
  appId: 'BTSB2026000000000001',
  storeName: '白条诊断沙箱小店',
} as const;
