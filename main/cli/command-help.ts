import { text } from '../../shared/i18n/text';

// One line of help per command, apart from the commands themselves: `--help` prints these without loading
// any command's code (each command module pulls in its part of the engine).
export const COMMAND_HELP = {
  sandbox: text(
    'sandbox [--scenario 名称] [--dir 目录] [--port-base 端口]   启动沙箱演示平台，写出 platform.json 和 store.json',
    'sandbox [--scenario NAME] [--dir DIR] [--port-base PORT]   run the sandbox platform; writes platform.json and store.json',
  ),
  check: text(
    'check --store store.json --platform platform.json [--only 检查ID,…] [--json]   运行支付配置检查清单',
    'check --store store.json --platform platform.json [--only ID,…] [--json]   run the payment checklist',
  ),
  diagnose: text(
    'diagnose --store store.json --platform platform.json [--symptom 类别] [--device 手机|all|pc] [--network 网络] [--browser 路径] [--out 诊断包.zip [--force]] [--json]   完整诊断（手机和电脑各模拟一次）并生成诊断包',
    'diagnose --store store.json --platform platform.json [--symptom CATEGORY] [--device PHONE|all|pc] [--network NETWORK] [--browser PATH] [--out FILE.zip [--force]] [--json]   full diagnosis (a phone and a computer side by side) and a diagnostic bundle',
  ),
  probe: text(
    'probe URL [--count N] [--interval 毫秒] [--platform platform.json] [--cacert CA.pem] [--json]   逐阶段测量网络耗时',
    'probe URL [--count N] [--interval MS] [--platform platform.json] [--cacert CA.pem] [--json]   time every network phase',
  ),
  watch: text(
    'watch --store store.json --platform platform.json --interval 秒 [--for 时长] [--history 文件] [--simulate-every N] [--device 设备] [--network 网络] [--browser 路径] [--json]   定时监测支付链路，每次检测打印一行',
    'watch --store store.json --platform platform.json --interval SECONDS [--for DURATION] [--history FILE] [--simulate-every N] [--device DEVICE] [--network NETWORK] [--browser PATH] [--json]   keep checking the payment path, one line per sample',
  ),
  simulate: text(
    'simulate --store store.json --platform platform.json [--device pc|iphone-wechat|android-app|android-chrome|all] [--network broadband|4g|slow-4g|3g] [--browser 路径] [--runs N] [--har 文件] [--screenshots 目录] [--json]   模拟买家（电脑或手机）走一遍白条支付跳转',
    'simulate --store store.json --platform platform.json [--device pc|iphone-wechat|android-app|android-chrome|all] [--network broadband|4g|slow-4g|3g] [--browser PATH] [--runs N] [--har FILE] [--screenshots DIR] [--json]   walk the Baitiao redirect as a buyer (computer or phone) would',
  ),
  bundle: text(
    'bundle verify <诊断包.zip> [--json]   校验诊断包：文件与 manifest 一致、没有危险路径',
    'bundle verify <bundle.zip> [--json]   check a bundle: files match the manifest, no hostile paths',
  ),
  submit: text(
    'submit --bundle 诊断包.zip --store store.json --platform platform.json [--outbox 目录] [--json]   提交问题报告和诊断包',
    'submit --bundle bundle.zip --store store.json --platform platform.json [--outbox DIR] [--json]   file the report and upload its bundle',
  ),
  triage: text(
    'triage <文件夹> [--json] [--since ISO时间] [--index 文件] [--export 输出文件夹] [--merchants N] [--window 30m]   校验文件夹里所有诊断包，按结果分组，找出多家商户同时出现的故障',
    'triage <folder> [--json] [--since ISO] [--index FILE] [--export OUT] [--merchants N] [--window 30m]   verify every bundle in a folder, group them by outcome, spot incidents across merchants',
  ),
  keys: text(
    'keys generate|convert|match|sign …   生成、转换、核对密钥，查看签名（baitiao-doctor keys --help）',
    'keys generate|convert|match|sign …   generate, convert and match keys, show a signature (baitiao-doctor keys --help)',
  ),
};
