import { parse } from 'yaml';
import { z } from 'zod';

/**
 * latest.yml as electron-builder writes it for the generic provider: the version, its files with their
 * SHA-512 (base64) and sizes, and the legacy top-level path/sha512 pair of the installer.
 */
const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a SHA-512 in base64 (88 characters)');
export const UpdateFeedSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'a semantic version'),
  files: z
    .array(
      z.object({
        url: z.string().min(1),
        sha512: Sha512Base64,
        size: z.number().int().positive().optional(),
      }),
    )
    .min(1),
  path: z.string().optional(),
  sha512: Sha512Base64.optional(),
  releaseDate: z.string().optional(),
});
export type UpdateFeed = z.infer<typeof UpdateFeedSchema>;
export type UpdateFile = UpdateFeed['files'][number];

export class FeedFormatError extends Error {}

/** Parses latest.yml; a feed that is not one is refused with what is wrong, never half-read. */
export function parseUpdateFeed(text: string): UpdateFeed {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 0 });
  } catch (error) {
    throw new FeedFormatError(
      `latest.yml is not YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = UpdateFeedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedFormatError(`latest.yml: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The installer to download: the file the feed names in `path`, or its first file. */
export function installerOf(feed: UpdateFeed): UpdateFile {
  return feed.files.find((f) => f.url === feed.path) ?? feed.files[0]!;
}

/** Semantic-version order (build metadata ignored; a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map(Number), pre: pre ? pre.split('.') : [] };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++)
    if (x.nums[i] !== y.nums[i]) return (x.nums[i] ?? 0) < (y.nums[i] ?? 0) ? -1 : 1;
  if (x.pre.length === 0 || y.pre.length === 0)
    return y.pre.length - x.pre.length === 0 ? 0 : x.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) < Number(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
