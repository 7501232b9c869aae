import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Flex, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/sandbox/scenarios';
import { useDoctorCall } from '../ipc/use-doctor-call';
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

  const demo = state.workspace?.demo;
  if (!demo) return null;

  const onChange = async (scenario: Scenario) => {
    setSwitching(true);
    try {
      const status = await call('demo.setScenario', { scenario }, 'setScenario');
      if (status) {
        setDemo(status);
        void message.success(t('demo.switched', { label: t(`demo.scenarios.${status.scenario}`) }));
      }
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Alert
      className="demo-banner"
      type={demo.running ? 'info' : 'warning'}
      showIcon
      icon={<ExperimentOutlined />}
      title={t('demo.title')}
      description={
        <Flex vertical gap="small">
          <span>{demo.running ? t('demo.description') : t('demo.notRunning')}</span>
          <Flex align="center" gap="small" wrap>
            <label htmlFor="demo-scenario">{t('demo.scenarioLabel')}</label>
            <Select<Scenario>
              id="demo-scenario"
              value={demo.scenario}
              loading={switching}
              disabled={switching || !demo.running}
              onChange={(scenario) => void onChange(scenario)}
              options={demo.scenarios.map((value) => ({ value, label: t(`demo.scenarios.${value}`) }))}
              showSearch={{ optionFilterProp: 'label' }}
              aria-describedby="demo-scenario-help"
              style={{ minWidth: 240 }}
            />
            <span id="demo-scenario-help" className="text-secondary">
              {t('demo.scenarioHelp')}
            </span>
          </Flex>
        </Flex>
      }
    />
  );
}
