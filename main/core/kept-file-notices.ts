import { basename } from 'node:path';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { newerFileText, type KeptFileEvent } from '../config';
import { keptAsideText, type KeptAside } from '../kept-files';

/** Each file the app keeps, in a shop owner's words, and what it means when it has to start afresh. */
const FILES: Record<string, { thing: LocalizedText; meaning: LocalizedText }> = {
  'settings.json': {
    thing: text('设置文件', 'The settings file'),
    meaning: text(
      '设置已恢复为默认值（例如界面语言），其他数据不受影响。',
      'Settings (such as the language) are back to their defaults; nothing else is affected.',
    ),
  },
  'stores.json': {
    thing: text('保存的店铺列表', 'The saved list of stores'),
    meaning: text(
      '店铺列表暂时是空的：请重新导入 store.json。商户私钥不在这个文件里，不受影响。',
      'The list of stores is empty for now: import your store.json again. Merchant keys are not in this file and are not affected.',
    ),
  },
  'profiles.json': {
    thing: text('导入的平台配置', 'The imported platform settings'),
    meaning: text(
      '需要时请重新导入 platform.json；内置的平台配置不受影响。',
      'Import your platform.json again if you used one; the built-in platform settings are not affected.',
    ),
  },
  'workspace.json': {
    thing: text('演示店铺的选择', 'The demo store choice'),
    meaning: text('下次需要时重新选择即可。', 'Choose again when you need it.'),
  },
  'watch-history.sqlite': {
    thing: text('监测记录', 'The watch history'),
    meaning: text(
      '监测已从空白记录重新开始；以前的记录在另存的文件里，没有删除。',
      'Watching starts again with an empty history; the earlier history is in the kept file, not deleted.',
    ),
  },
};

const describe = (file: string) =>
  FILES[basename(file)] ?? {
    thing: text('一个数据文件', 'A data file'),
    meaning: text('已用默认内容重新开始。', 'It starts again with defaults.'),
  };

/** What the user is told, once, about a data file of the app that was kept aside or left read-only. */
export function keptFileNotice(event: KeptFileEvent | (KeptAside & { kind?: undefined })): LocalizedText {
  const { thing, meaning } = describe(event.file);
  if (event.kind === 'newer') return newerFileText(event.file, event.version);
  if (event.kind === 'partly-damaged') {
    return text(
      `${thing['zh-CN']}（${event.file}）中有些条目读不出来，这里不显示它们。整个文件已原样复制一份：${event.keptAs}。`,
      `Some entries in ${thing['en-US'].replace(/^The /, 'the ')} (${event.file}) could not be read and are not shown. A copy of the whole file was kept, unchanged: ${event.keptAs}.`,
    );
  }
  return keptAsideText(event, thing, meaning);
}
