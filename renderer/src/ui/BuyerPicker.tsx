import { Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DEVICE_IDS,
  DEVICE_PROFILES,
  NETWORK_IDS,
  NETWORK_PROFILES,
  type BuyerProfile,
  type DeviceId,
  type NetworkId,
} from '../../../shared/simulation/device-profiles';
import { useLocalized } from '../i18n/use-localized';

/**
 * Which buyer a simulated payment runs as: the device (a computer, or one of the phones buyers pay on)
 * and its network. Used by the simulation screen (one run or several) and the watch settings.
 */
export function BuyerPicker({
  id,
  value,
  disabled,
  onChange,
  help,
}: {
  id: string;
  value: BuyerProfile;
  disabled: boolean;
  onChange: (next: BuyerProfile) => void;
  /** Said under the two choices; the picker's own note by default. */
  help?: string;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <Flex vertical gap={4} data-testid={`${id}-picker`}>
      <Flex gap="middle" wrap>
        <Flex vertical gap={4}>
          <label htmlFor={`${id}-device`}>{t('buyer.deviceLabel')}</label>
          <Select<DeviceId>
            id={`${id}-device`}
            value={value.device}
            disabled={disabled}
            onChange={(device) => onChange({ ...value, device })}
            options={DEVICE_IDS.map((device) => ({
              value: device,
              label: localized(DEVICE_PROFILES[device].name),
            }))}
            aria-describedby={`${id}-buyer-help`}
            data-testid={`${id}-device`}
            style={{ minWidth: 220 }}
          />
        </Flex>
        <Flex vertical gap={4}>
          <label htmlFor={`${id}-network`}>{t('buyer.networkLabel')}</label>
          <Select<NetworkId>
            id={`${id}-network`}
            value={value.network}
            disabled={disabled}
            onChange={(network) => onChange({ ...value, network })}
            options={NETWORK_IDS.map((network) => ({
              value: network,
              label: localized(NETWORK_PROFILES[network].name),
            }))}
            aria-describedby={`${id}-buyer-help`}
            data-testid={`${id}-network`}
            style={{ minWidth: 120 }}
          />
        </Flex>
      </Flex>
      <Typography.Text type="secondary" id={`${id}-buyer-help`}>
        {help ?? t('buyer.pickerHelp')}
      </Typography.Text>
    </Flex>
  );
}
