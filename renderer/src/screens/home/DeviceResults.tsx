import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import { buyerOf, isPhone } from '../../../../shared/simulation/buyer-words';
import {
  DEVICE_PROFILES,
  NETWORK_PROFILES,
  isThrottled,
} from '../../../../shared/simulation/device-profiles';
import type { Screenshot, SimulationResult } from '../../../../shared/simulation/simulation-result';
import { DeviceShot } from '../../ui/DeviceShot';
import { useLocalized } from '../../i18n/use-localized';
import { OutcomeLabel } from '../diagnosis/looks';

/** The picture that tells a device's story: where it failed, else the cashier, else where it ended. */
const PICTURE_ORDER: readonly Screenshot['moment'][] = ['failure', 'cashier', 'return'];
const pictureOf = (run: SimulationResult) =>
  PICTURE_ORDER.map((moment) => run.screenshots.find((s) => s.moment === moment && s.base64)).find(Boolean) ??
  null;

/**
 * Under the verdict: what each simulated buyer saw, phone first, each picture in its device's shape, so
 * 「手机上打不开，电脑上正常」 is something the shop owner sees, not only reads. Shown when a diagnosis ran
 * more than one device.
 */
export function DeviceResults({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const runs = diagnosis.simulation.kind === 'simulation-series' ? diagnosis.simulation.runs : [];
  if (runs.length < 2 || runs.every((run) => !run.buyer)) return null;
  return (
    <Card
      title={<h2 className="card-title">{t('buyer.devicesTitle')}</h2>}
      data-testid="device-results"
      role="region"
      aria-label={t('buyer.devicesTitle')}
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('buyer.devicesIntro')}</Typography.Text>
        <div className="device-results">
          {runs.map((run) => {
            const buyer = buyerOf(run);
            const device = localized(DEVICE_PROFILES[buyer.device].name);
            const phone = isPhone(buyer);
            const shot = pictureOf(run);
            const ready = run.cashier.readyAfterMs;
            return (
              <figure
                key={run.runId}
                className={`device-result ${phone ? 'device-result-phone' : 'device-result-computer'}`}
                data-testid="device-result"
                data-device={buyer.device}
                data-outcome={run.outcome}
              >
                {shot?.base64 ? (
                  <DeviceShot
                    src={`data:${shot.mimeType};base64,${shot.base64}`}
                    alt={t('buyer.shotAlt', { device })}
                    phone={phone}
                    testId="device-result-shot"
                  />
                ) : (
                  <div className="device-result-noshot">{t('buyer.noShot')}</div>
                )}
                <figcaption>
                  <Flex vertical gap={4}>
                    <Flex align="center" gap="small" wrap>
                      <Tag>{phone ? t('buyer.phone') : t('buyer.computer')}</Tag>
                      <strong>{device}</strong>
                    </Flex>
                    {isThrottled(buyer.network) && (
                      <Typography.Text type="secondary" data-testid="device-result-network">
                        {t('buyer.emulated', { network: localized(NETWORK_PROFILES[buyer.network].name) })}
                      </Typography.Text>
                    )}
                    <OutcomeLabel outcome={run.outcome} code={false} />
                    <Typography.Text type="secondary">
                      {ready === null
                        ? t('buyer.notReady')
                        : t('buyer.readyAfter', { seconds: (ready / 1000).toFixed(1) })}
                    </Typography.Text>
                  </Flex>
                </figcaption>
              </figure>
            );
          })}
        </div>
      </Flex>
    </Card>
  );
}
