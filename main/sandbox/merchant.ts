/** The demo merchant: apart from the sandbox so the app can list the demo store without starting it. */
export const SANDBOX_MERCHANT = {
  merchantNo: '2088000000000001',
  // Any 16 to 32 letters and digits (protocol §2); the prefix means nothing, the platform's answer decides the environment.
  appId: 'BTSB2026000000000001',
  storeName: '白条诊断沙箱小店',
} as const;
