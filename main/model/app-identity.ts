import pkg from '../../package.json';

/** Who we are, for reports, bundles and the About line; read from package.json so it is written once. */
export const APP_IDENTITY = {
  name: pkg.name,
  productName: pkg.productName,
  version: pkg.version,
} as const;
