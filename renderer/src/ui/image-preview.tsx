import { CloseOutlined } from '@ant-design/icons';
import type { ImageProps } from 'antd';
import { cloneElement, isValidElement, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const ACTIONS = ['flipY', 'flipX', 'rotateLeft', 'rotateRight', 'zoomOut', 'zoomIn'] as const;

/**
 * The screenshot viewer's buttons named in the UI's language: antd names them by their code
 * ("flipY", "rotateLeft", "zoomIn") and leaves the close button without a name. Same buttons, same look.
 */
export function useNamedPreview(): Exclude<NonNullable<ImageProps['preview']>, boolean> {
  const { t } = useTranslation();
  return {
    closeIcon: <CloseOutlined aria-label={t('app.imagePreview.close')} />,
    actionsRender: (_, { icons }) => (
      <div className="ant-image-preview-actions">
        {ACTIONS.map((action) => {
          const node = icons[`${action}Icon`];
          if (!isValidElement(node)) return null;
          const name = t(`app.imagePreview.${action}`);
          return cloneElement(node as ReactElement<{ 'aria-label'?: string; title?: string }>, {
            key: action,
            'aria-label': name,
            title: name,
          });
        })}
      </div>
    ),
  };
}
