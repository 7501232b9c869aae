import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useScreenRoute } from '../app/use-screen-route';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/sandbox/scenarios';
import { useDoctorCall } from '../ipc/use-doctor-call';
import { markDiagnosisStale } from '../screens/diagnosis/diagnosis-session';
import { useWorkspace } from '../workspace/workspace-context';

/**
 * Shown on every screen while the app runs against its built-in sandbox platform, so nobody mistakes
 * practice results for their real shop. The switcher makes the sandbox play one of its faults.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const call = useDoctorCall();
  const { state, setDemo } = useWorkspace();
  const [switching, setSwitching] = useState(false);
  const [screen] = useScreenRoute();
  // The whole explanation on the first screen of the first visit; after that one line, which opens again.
  const [firstScreen] = useState(screen);
  const [seenBefore] = useState(() => bannerSeen());
  const [opened, setOpened] = useState(false);
  const full = opened || (!seenBefore && screen === firstScreen);
  useEffect(() => markBannerSeen(), []);

  const demo = state.workspace?.demo;
  if (!demo) return null;

  const onChange = async (scenario: Scenario) => {
    if (switching) return;
    setSwitching(true);
    try {
      const status = await call('demo.setScenario', { scenario }, 'setScenario');
      if (status) {
        setDemo(status);
        markDiagnosisStale(status.scenario);
        void message.success(t('demo.switched', { label: t(`demo.scenarios.${status.scenario}`) }));
      }
    } finally {
      setSwitching(false);
    }
  };

  const switcher = (
    <Flex align="center" gap="small" wrap>
      <label htmlFor="demo-scenario">{t('demo.scenarioLabel')}</label>
      <Select<Scenario>
        id="demo-scenario"
        size={full ? 'middle' : 'small'}
        value={demo.scenario}
        loading={switching}
        // Not disabled while switching: that would drop the keyboard's focus to <body>.
        disabled={!demo.running}
        onChange={(scenario) => void onChange(scenario)}
        options={demo.scenarios.map((value) => ({ value, label: t(`demo.scenarios.${value}`) }))}
        showSearch={{ optionFilterProp: 'label' }}
        aria-describedby="demo-scenario-help"
        style={{ minWidth: 220 }}
      />
      <span id="demo-scenario-help" className={full ? 'text-secondary' : 'visually-hidden'}>
        {t('demo.scenarioHelp')}
      </span>
    </Flex>
  );

  if (!full && demo.running) {
    return (
      <Alert
        // A standing note, not news: antd would make it role="alert", read out over whatever is said.
        role="note"
        className="demo-banner demo-banner-compact"
        data-testid="demo-banner"
        data-compact="true"
        type="info"
        showIcon
        icon={<ExperimentOutlined />}
        title={
          <Flex align="center" gap="middle" wrap>
            <strong>{t('demo.compactTitle')}</strong>
            {switcher}
          </Flex>
        }
        action={
          <Button type="link" size="small" onClick={() => setOpened(true)}>
            {t('demo.more')}
          </Button>
        }
      />
    );
  }

  return (
    <Alert
      // A standing note, not news: antd would make it role="alert", read out over whatever is said.
      role="note"
      className="demo-banner"
      data-testid="demo-banner"
      type={demo.running ? 'info' : 'warning'}
      showIcon
      icon={<ExperimentOutlined />}
      title={t('demo.title')}
      description={
        <Flex vertical gap="small">
          <span>{demo.running ? t('demo.description') : t('demo.notRunning')}</span>
          {switcher}
        </Flex>
      }
    />
  );
}

/** Whether the full banner was shown on an earlier start (window storage: a UI habit, not a setting). */
const SEEN_KEY = 'baitiao-doctor.demo-banner-seen';
function bannerSeen(): boolean {
  try {
    return window.localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return false;
  }
}
function markBannerSeen(): void {
  try {
    window.localStorage.setItem(SEEN_KEY, '1');
  } catch {
    // Storage may be unavailable; the banner then simply shows in full on each start.
  }
}
