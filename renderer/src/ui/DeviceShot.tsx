import { Image } from 'antd';
import { useNamedPreview } from './image-preview';
import './device-frame.css';

/**
 * A screenshot in the shape of the device it was taken on: a phone's picture in a narrow phone frame
 * (at its own width, never stretched to a desktop's), a computer's in a plain screen frame. Click to zoom.
 */
export function DeviceShot({
  src,
  alt,
  phone,
  testId,
}: {
  src: string;
  alt: string;
  phone: boolean;
  testId?: string;
}) {
  const preview = useNamedPreview();
  return (
    <div
      className={phone ? 'device-frame device-frame-phone' : 'device-frame device-frame-computer'}
      data-testid={testId}
      data-shape={phone ? 'phone' : 'computer'}
    >
      <Image src={src} alt={alt} width="100%" preview={preview} />
    </div>
  );
}
