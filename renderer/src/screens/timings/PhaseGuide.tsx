import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WATERFALL_PHASES } from './phases';

/** Each phase in plain words: what it is for a shop owner, and what a slow one points to. */
export function PhaseGuide() {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{t('timings.explain.title')}</h2>} data-testid="phase-guide">
      <Typography.Paragraph type="secondary">{t('timings.explain.intro')}</Typography.Paragraph>
      <dl className="phase-guide">
        {WATERFALL_PHASES.map((phase) => (
          <div key={phase} className="phase-guide-item" data-phase={phase}>
            <dt>
              <span className={`phase-swatch phase-${phase}`} aria-hidden />
              {t(`timings.phases.${phase}.name`)}
            </dt>
            <dd>
              <span className="phase-guide-label">{t('timings.explain.what')}</span>
              {t(`timings.phases.${phase}.what`)}
            </dd>
            <dd>
              <span className="phase-guide-label">{t('timings.explain.slow')}</span>
              {t(`timings.phases.${phase}.slow`)}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
