import { readFile, statfs } from 'node:fs/promises';
import { isIP } from 'node:net';
import { text } from '../../../shared/i18n/localized-text';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';
import { platformUrls } from './platform-hosts';

const MIN_FREE_BYTES = 200 * 1024 * 1024;

const localEnvironment: CheckDefinition<CheckContext> = {
  id: 'local.environment',
  async run(ctx) {
    const { machine } = ctx;
    let freeBytes: number | null;
    try {
      const fs = await statfs(machine.dataDir);
      freeBytes = fs.bavail * fs.bsize;
    } catch {
      freeBytes = null; // the folder may not exist yet; its disk is then unknown, not full
    }
    const evidence = { ...machine, freeBytes };
    if (freeBytes !== null && freeBytes < MIN_FREE_BYTES) {
      const mb = Math.round(freeBytes / 1024 / 1024);
      return {
        status: 'warn',
        summary: text(
          `磁盘只剩 ${mb} MB，可能放不下诊断包。`,
          `Only ${mb} MB free on disk: a diagnostic bundle may not fit.`,
        ),
        remediation: text('请清理磁盘，留出至少 200 MB 空间。', 'Free up at least 200 MB of disk space.'),
        evidence,
      };
    }
    return {
      status: 'pass',
      // The system and engine names go in the evidence: support reads them, a shop owner needs not.
      summary: text(
        '已记下这台电脑的系统、浏览器引擎和语言，磁盘空间够用。',
        `${machine.os}, ${machine.engine}, locale ${machine.locale}; enough free disk.`,
      ),
      evidence,
    };
  },
};

/** Parses a hosts file into (address, names) pairs, ignoring comments. */
export function parseHostsFile(content: string): { address: string; names: string[]; line: number }[] {
  return content.split(/\r?\n/).flatMap((raw, index) => {
    const [address, ...names] = raw.replace(/#.*/, '').trim().split(/\s+/);
    return address && names.length
      ? [{ address, names: names.map((n) => n.toLowerCase()), line: index + 1 }]
      : [];
  });
}

const localHosts: CheckDefinition<CheckContext> = {
  id: 'local.hosts',
  async run(ctx) {
    const path = ctx.machine.hostsFilePath;
    let content: string;
    try {
      content = await readFile(path, 'utf8');
    } catch {
      return {
        status: 'pass',
        summary: text(
          '没有 hosts 文件，不会改写平台地址。',
          'No hosts file, so nothing rewrites platform addresses.',
        ),
        evidence: { path },
      };
    }
    // An IP-literal host cannot be overridden by the hosts file; only names can.
    const hosts = platformUrls(ctx)
      .map((u) => new URL(u.url).hostname.toLowerCase())
      .filter((h) => !isIP(h.replace(/^\[|\]$/g, '')));
    const overrides = parseHostsFile(content).flatMap((entry) =>
      entry.names
        .filter((n) => hosts.includes(n))
        .map((host) => ({ host, address: entry.address, line: entry.line })),
    );
    if (overrides.length === 0) {
      return {
        status: 'pass',
        summary: text('hosts 文件没有改写平台地址。', 'The hosts file does not override platform hosts.'),
        evidence: { path, checkedHosts: hosts },
      };
    }
    const list = overrides.map((o) => `${o.host} → ${o.address}（第 ${o.line} 行）`).join('，');
    const listEn = overrides.map((o) => `${o.host} → ${o.address} (line ${o.line})`).join(', ');
    return {
      status: 'fail',
      summary: text(
        `hosts 文件把平台地址指向了别处：${list}。`,
        `The hosts file points platform hosts elsewhere: ${listEn}.`,
      ),
      remediation: text(
        `请用管理员身份打开 ${path}，删除这些行后保存，再重新诊断。如果是别人帮你加的，请先问清楚用途。`,
        `Open ${path} as administrator, delete these lines, save, and diagnose again. If someone else added them, ask why first.`,
      ),
      evidence: { path, overrides },
    };
  },
};

const localProxy: CheckDefinition<CheckContext> = {
  id: 'local.proxy',
  async run(ctx) {
    const routes = await Promise.all(
      platformUrls(ctx).map(async (u) => ({
        role: u.role,
        url: u.url,
        route: await ctx.resolveProxy(u.url),
      })),
    );
    const proxied = routes.filter((r) => r.route.trim().toUpperCase() !== 'DIRECT');
    if (proxied.length === 0) {
      return {
        status: 'pass',
        summary: text(
          '没有使用代理或 VPN，直接连接平台。',
          'No proxy or VPN: the platform is reached directly.',
        ),
        evidence: { routes },
      };
    }
    const names = [...new Set(proxied.map((r) => r.route))].join(', ');
    return {
      status: 'warn',
      summary: text(`访问平台时经过代理：${names}。`, `Platform traffic goes through a proxy: ${names}.`),
      remediation: text(
        '代理或 VPN 可能拖慢或拦截支付页面。如果支付页面打不开，请先关掉代理/VPN 再试一次。',
        'A proxy or VPN can slow down or block the payment page. If it does not load, turn the proxy/VPN off and try again.',
      ),
      evidence: { routes },
    };
  },
};

export const localChecks = [localEnvironment, localHosts, localProxy];
