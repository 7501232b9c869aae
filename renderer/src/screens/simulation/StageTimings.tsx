import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  LoadingOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulationStage } from '../../../../shared/simulation/simulation-result';
import { barWidth, STAGES, useMilliseconds } from './format';
import type { LiveStageStatus } from './simulation-session';

export type ShownStageStatus = LiveStageStatus | 'pending';

export interface ShownStage {
  stage: SimulationStage;
  status: LiveStageStatus;
  durationMs: number | null;
}

const STATUS_ICONS: Record<ShownStageStatus, ReactNode> = {
  ok: <CheckCircleFilled className="icon-ok" />,
  failed: <CloseCircleFilled className="icon-bad" />,
  skipped: <MinusCircleOutlined className="text-secondary" />,
  running: <LoadingOutlined />,
  pending: <ClockCircleOutlined className="text-secondary" />,
};

/** The four parts of a run in order, each with its state in words and an icon, and its time as a bar. */
export function StageTimings({ stages }: { stages: readonly ShownStage[] }) {
  const { t } = useTranslation();
  const ms = useMilliseconds();
  const longest = Math.max(0, ...stages.map((stage) => stage.durationMs ?? 0));
  return (
    <ol
      className="sim-stages"
      aria-label={t('simulation.stageTimings.title')}
      data-testid="simulation-stages"
    >
      {STAGES.map((name) => {
        const shown = stages.find((stage) => stage.stage === name);
        const status: ShownStageStatus = shown?.status ?? 'pending';
        const duration = shown?.durationMs ?? null;
        return (
          <li
            key={name}
            className="sim-stage"
            data-testid="simulation-stage"
            data-stage={name}
            data-status={status}
          >
            <span className="sim-stage-name">{t(`simulation.stages.${name}.name`)}</span>
            <span className="sim-stage-status">
              <span aria-hidden>{STATUS_ICONS[status]}</span> {t(`simulation.stageTimings.${status}`)}
            </span>
            <span className="sim-bar-track" aria-hidden>
              {duration !== null && status !== 'skipped' && (
                <span
                  className={`sim-bar sim-bar-${status === 'failed' ? 'failed' : 'ok'}`}
                  style={{ width: barWidth(duration, longest) }}
                />
              )}
            </span>
            <Typography.Text type="secondary" className="sim-bar-text">
              {duration !== null && status !== 'skipped' ? ms(duration) : t('simulation.stageTimings.none')}
            </Typography.Text>
          </li>
        );
      })}
    </ol>
  );
}
