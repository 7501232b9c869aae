import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Collapse, Flex, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CashierObservation,
  CertificateError,
  CharsetFinding,
  ConsoleMessage,
  PageException,
  PrepayObservation,
  SimulationResult,
} from '../../../../shared/simulation/simulation-result';
import { useMilliseconds } from './format';
import { useReadableMarkers } from '../../i18n/use-readable-text';

type PanelState = 'problem' | 'fine' | 'none';

/** A panel's verdict in its header: an icon and words, never colour alone. */
function PanelTag({ state, text }: { state: PanelState; text: string }) {
  const look: Record<PanelState, { color: string; icon: ReactNode }> = {
    problem: { color: 'error', icon: <ExclamationCircleFilled /> },
    fine: { color: 'success', icon: <CheckCircleFilled /> },
    none: { color: 'default', icon: <MinusCircleOutlined /> },
  };
  return (
    <Tag color={look[state].color} icon={look[state].icon} className="status-tag" data-state={state}>
      {text}
    </Tag>
  );
}

function PanelLabel({ title, state, text }: { title: string; state: PanelState; text: string }) {
  return (
    <Flex align="center" gap="small" wrap>
      <span className="sim-panel-title">{title}</span>
      <PanelTag state={state} text={text} />
    </Flex>
  );
}

/** Label and value rows. */
function Facts({ rows }: { rows: readonly [string, ReactNode][] }) {
  return (
    <dl className="sim-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * What support staff or the shop's technician need beyond the verdict, one collapsible each: the
 * cashier's own state, the character encoding, certificate errors, page script errors, and the prepay
 * answer. Panels with something wrong in them start open.
 */
export function RunDetails({ result }: { result: SimulationResult }) {
  const { t } = useTranslation();
  const consoleErrors = result.console.filter((message) => message.level === 'error');
  const scriptProblems = result.exceptions.length + consoleErrors.length;
  const cashierProblem = result.cashier.state === 'error' || result.cashier.errorCode !== null;
  const prepayProblem = result.outcomeDetail.stage === 'prepay' && result.outcome !== 'REDIRECT_OK';
  const count = (n: number) =>
    n === 0 ? t('simulation.details.noneFound') : t('simulation.details.found', { count: n });

  const items = [
    {
      key: 'cashier',
      label: (
        <PanelLabel
          title={t('simulation.details.cashier.title')}
          state={cashierProblem ? 'problem' : result.cashier.state === 'ready' ? 'fine' : 'none'}
          text={cashierStateWords(result.cashier.state, t)}
        />
      ),
      children: <CashierFacts cashier={result.cashier} />,
      problem: cashierProblem,
    },
    {
      key: 'charset',
      label: (
        <PanelLabel
          title={t('simulation.details.charset.title')}
          state={result.charset === null ? 'none' : result.charset.mojibake ? 'problem' : 'fine'}
          text={
            result.charset === null
              ? t('simulation.details.notChecked')
              : result.charset.mojibake
                ? t('simulation.details.charset.garbled')
                : t('simulation.details.fine')
          }
        />
      ),
      children: <CharsetFacts charset={result.charset} />,
      problem: result.charset?.mojibake ?? false,
    },
    {
      key: 'certificates',
      label: (
        <PanelLabel
          title={t('simulation.details.certificates.title')}
          state={result.certificateErrors.length > 0 ? 'problem' : 'fine'}
          text={count(result.certificateErrors.length)}
        />
      ),
      children: <CertificateList errors={result.certificateErrors} />,
      problem: result.certificateErrors.length > 0,
    },
    {
      key: 'console',
      label: (
        <PanelLabel
          title={t('simulation.details.console.title')}
          state={scriptProblems > 0 ? 'problem' : 'fine'}
          text={count(scriptProblems)}
        />
      ),
      children: <ScriptErrors exceptions={result.exceptions} messages={consoleErrors} />,
      problem: scriptProblems > 0,
    },
    {
      key: 'prepay',
      label: (
        <PanelLabel
          title={t('simulation.details.prepay.title')}
          state={prepayProblem ? 'problem' : 'fine'}
          text={prepayProblem ? t('simulation.details.problem') : t('simulation.details.fine')}
        />
      ),
      children: <PrepayFacts prepay={result.prepay} />,
      problem: prepayProblem,
    },
  ];

  return (
    <div data-testid="simulation-details">
      <Collapse
        // A new run (or another run of the series) opens its own problems.
        key={result.runId}
        defaultActiveKey={items.filter((item) => item.problem).map((item) => item.key)}
        items={items.map(({ key, label, children }) => ({ key, label, children }))}
      />
    </div>
  );
}

/** The cashier's data-cashier-state in words (the raw state is in the run's evidence, for support). */
export function cashierStateWords(state: string | null, t: TFunction): string {
  switch (state) {
    case 'ready':
      return t('simulation.details.cashier.states.ready');
    case 'loading':
      return t('simulation.details.cashier.states.loading');
    case 'error':
      return t('simulation.details.cashier.states.error');
    // No state, or one this screen does not know: the page's own word is no word for a shop owner.
    default:
      return t('simulation.details.cashier.states.unknown');
  }
}

function CashierFacts({ cashier }: { cashier: CashierObservation }) {
  const readable = useReadableMarkers();
  const { t } = useTranslation();
  const ms = useMilliseconds();
  const budget = ms(cashier.budgetMs);
  return (
    <div data-testid="simulation-cashier-details">
      <Facts
        rows={[
          [t('simulation.details.cashier.state'), cashierStateWords(cashier.state, t)],
          [
            t('simulation.details.cashier.readyAfter'),
            cashier.readyAfterMs === null
              ? t('simulation.details.cashier.notReady', { budget })
              : t('simulation.details.cashier.readyAfterValue', {
                  duration: ms(cashier.readyAfterMs),
                  budget,
                }),
          ],
          [
            t('simulation.details.cashier.visibleText'),
            cashier.visible?.textSample ? (
              <span className="sim-sample">{cashier.visible.textSample}</span>
            ) : (
              t('simulation.details.none')
            ),
          ],
          [
            t('simulation.details.cashier.finalUrl'),
            cashier.finalUrl ? (
              <span className="sim-url">{readable(cashier.finalUrl)}</span>
            ) : (
              t('simulation.details.none')
            ),
          ],
        ]}
      />
    </div>
  );
}

function CharsetFacts({ charset }: { charset: CharsetFinding | null }) {
  const { t } = useTranslation();
  if (!charset)
    return <Typography.Text type="secondary">{t('simulation.details.charset.none')}</Typography.Text>;
  const upper = (name: string) => name.toUpperCase();
  return (
    <div data-testid="simulation-charset">
      <Typography.Paragraph strong type={charset.mojibake ? 'danger' : undefined}>
        {charset.mojibake ? (
          <ExclamationCircleFilled aria-hidden />
        ) : (
          <CheckCircleFilled aria-hidden className="icon-ok" />
        )}{' '}
        <span data-testid="simulation-charset-verdict">
          {charset.mojibake
            ? t('simulation.details.charset.verdictGarbled')
            : t('simulation.details.charset.verdictOk')}
        </span>
      </Typography.Paragraph>
      <Facts
        rows={[
          [
            t('simulation.details.charset.declared'),
            <span data-testid="simulation-charset-declared">
              {charset.declared
                ? charset.declaredBy
                  ? t('simulation.details.charset.declaredBy', {
                      charset: upper(charset.declared),
                      where: t(`simulation.details.charset.where.${charset.declaredBy}`),
                    })
                  : upper(charset.declared)
                : t('simulation.details.charset.notDeclared')}
            </span>,
          ],
          [
            t('simulation.details.charset.detected'),
            <span data-testid="simulation-charset-detected">
              {charset.detected ? upper(charset.detected) : t('simulation.details.charset.unclear')}
            </span>,
          ],
          ...(charset.signals.length > 0
            ? [
                [
                  t('simulation.details.charset.signalsTitle'),
                  <ul className="plain-list" data-testid="simulation-charset-signals">
                    {charset.signals.map((signal) => (
                      <li key={signal} data-signal={signal}>
                        {t(`simulation.details.charset.signals.${signal}`)}
                      </li>
                    ))}
                  </ul>,
                ] as [string, ReactNode],
              ]
            : []),
          [
            t('simulation.details.charset.decodedSample'),
            <span className="sim-sample">{charset.decodedSample}</span>,
          ],
          ...(charset.detectedSample
            ? [
                [
                  t('simulation.details.charset.detectedSample'),
                  <span className="sim-sample" data-testid="simulation-charset-should-be">
                    {charset.detectedSample}
                  </span>,
                ] as [string, ReactNode],
              ]
            : []),
        ]}
      />
    </div>
  );
}

function CertificateList({ errors }: { errors: readonly CertificateError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0)
    return <Typography.Text type="secondary">{t('simulation.details.certificates.none')}</Typography.Text>;
  return (
    <ul className="sim-problem-list" data-testid="simulation-certificates">
      {errors.map((error, index) => (
        <li key={`${error.origin}-${index}`}>
          <Facts
            rows={[
              [t('simulation.details.certificates.origin'), <span className="sim-url">{error.origin}</span>],
              [t('simulation.details.certificates.where'), t(`simulation.legs.${error.leg}`)],
              [
                t('simulation.details.certificates.browserError'),
                <Typography.Text code>{error.browserError}</Typography.Text>,
              ],
              [
                t('simulation.details.certificates.nodeCode'),
                error.nodeCode ? (
                  <Typography.Text code>{error.nodeCode}</Typography.Text>
                ) : (
                  t('simulation.details.none')
                ),
              ],
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

function ScriptErrors({
  exceptions,
  messages,
}: {
  exceptions: readonly PageException[];
  messages: readonly ConsoleMessage[];
}) {
  const { t } = useTranslation();
  if (exceptions.length === 0 && messages.length === 0)
    return <Typography.Text type="secondary">{t('simulation.details.console.none')}</Typography.Text>;
  const place = (url: string | null, line: number | null) =>
    url ? t('simulation.details.console.at', { place: line === null ? url : `${url}:${line}` }) : null;
  return (
    <ul className="sim-problem-list" data-testid="simulation-script-errors">
      {exceptions.map((exception, index) => (
        <li key={`exception-${index}`}>
          <Flex vertical gap={2}>
            <span>
              <Tag color="error" className="status-tag">
                {t('simulation.details.console.exception')}
              </Tag>{' '}
              <Typography.Text type="secondary">{t(`simulation.legs.${exception.leg}`)}</Typography.Text>
            </span>
            <span className="sim-sample">{exception.text}</span>
            {place(exception.url, exception.line) && (
              <Typography.Text type="secondary" className="sim-url">
                {place(exception.url, exception.line)}
              </Typography.Text>
            )}
          </Flex>
        </li>
      ))}
      {messages.map((message, index) => (
        <li key={`console-${index}`}>
          <Flex vertical gap={2}>
            <span>
              <Tag color="warning" className="status-tag">
                {t('simulation.details.console.error')}
              </Tag>{' '}
              <Typography.Text type="secondary">{t(`simulation.legs.${message.leg}`)}</Typography.Text>
            </span>
            <span className="sim-sample">{message.text}</span>
            {place(message.url, message.line) && (
              <Typography.Text type="secondary" className="sim-url">
                {place(message.url, message.line)}
              </Typography.Text>
            )}
          </Flex>
        </li>
      ))}
    </ul>
  );
}

function PrepayFacts({ prepay }: { prepay: PrepayObservation }) {
  const { t } = useTranslation();
  const ms = useMilliseconds();
  const none = t('simulation.details.none');
  const signature =
    prepay.signatureValid === null
      ? t('simulation.details.prepay.signatureMissing')
      : prepay.signatureValid
        ? t('simulation.details.prepay.signatureValid')
        : t('simulation.details.prepay.signatureInvalid');
  return (
    <Facts
      rows={[
        [
          t('simulation.details.prepay.outTradeNo'),
          <Typography.Text code>{prepay.outTradeNo}</Typography.Text>,
        ],
        [t('simulation.details.prepay.duration'), ms(prepay.durationMs)],
        [
          t('simulation.details.prepay.answer'),
          prepay.transportError
            ? t('simulation.details.prepay.noAnswer', {
                reason: prepay.transportError.code ?? prepay.transportError.kind,
              })
            : prepay.httpStatus === null
              ? none
              : `HTTP ${prepay.httpStatus}`,
        ],
        [
          t('simulation.details.prepay.code'),
          [prepay.code, prepay.subCode].filter(Boolean).join(' / ') || none,
        ],
        [t('simulation.details.prepay.subMsg'), prepay.subMsg ?? none],
        [t('simulation.details.prepay.signature'), signature],
      ]}
    />
  );
}
