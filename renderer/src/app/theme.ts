import type { ThemeConfig } from 'antd';

/**
 * The app's one antd theme. Ant Design as it is, only darker where its defaults fall short of WCAG 2.1 AA
 * (4.5:1 for normal text, on white and on the #f5f5f5 page): the primary blue and white on it, secondary
 * text, the status colours as text and tags, and the selected menu item (primary text on its pale blue).
 *
 * The status colours are antd's own palette one or two steps darker. Their pale backgrounds and borders
 * are set explicitly to antd's usual ones: derived from a dark seed they would turn muddy grey-green.
 */
const PRIMARY = '#0958d9'; // antd blue-7: 6.2:1 on white, white on it 6.2:1, 5.5:1 on the #e6f4ff selection
const SUCCESS = '#237804'; // green-8: 5.4:1 on its #f6ffed tag
const WARNING = '#995c00'; // between gold-8 and gold-9: 5.2:1 on its #fffbe6 tag, 5.4:1 on white
const ERROR = '#cf1322'; // red-7: 5.1:1 on its #fff2f0 tag, white on the danger button 5.6:1

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    // The pointer rests on a button after a click: its hover blue must carry white text (5.2:1) too.
    colorPrimaryHover: '#1668dc',
    colorLinkHover: '#1668dc',
    colorSuccess: SUCCESS,
    colorSuccessBg: '#f6ffed',
    colorSuccessBgHover: '#d9f7be',
    colorSuccessBorder: '#b7eb8f',
    colorSuccessBorderHover: '#95de64',
    colorWarning: WARNING,
    colorWarningBg: '#fffbe6',
    colorWarningBgHover: '#fff1b8',
    colorWarningBorder: '#ffe58f',
    colorWarningBorderHover: '#ffd666',
    colorError: ERROR,
    colorErrorBg: '#fff2f0',
    colorErrorBgHover: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    colorErrorBorderHover: '#ffa39e',
    // Secondary notes (Typography type="secondary", descriptions, help): .45 black is 3.3:1 on the page.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Tags of a preset colour write in its 7th shade on its 1st; green-7 on green-1 is only 3.4:1. Both
    // spellings: the CSS variable antd writes comes from the one with the hyphen.
    green7: SUCCESS,
    'green-7': SUCCESS,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px' },
    // The side menu's entries and group titles a little tighter, so all of it fits a 700-pixel window.
    Menu: { itemHeight: 36, itemMarginBlock: 2, groupTitleFontSize: 12, groupTitleLineHeight: 1.5 },
    // An unchecked switch writes its word (关 / Off) in white on colorTextQuaternary, .25 black: 1.9:1.
    // .55 black is 4.7:1; the hover track is the darker colorTextTertiary above.
    Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)' },
  },
};
