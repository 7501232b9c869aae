/** Every screen of the side menu, in its order, as the menu names it (the h1 of some says more). */
export const MENU_SCREENS = [
  '首页',
  '支付检查',
  '模拟支付',
  '网络测速',
  '问题报告',
  '发送记录',
  '诊断历史',
  '持续监测',
  '问题说明',
  '店铺设置',
  '密钥工具',
  '设置',
  '打开诊断包',
];
