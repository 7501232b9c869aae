import { DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, Radio, Typography } from 'antd';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_MERCHANT_SCREENSHOT_BYTES,
  MAX_MERCHANT_SCREENSHOTS,
  MerchantScreenshotSchema,
  SYMPTOM_CATEGORIES,
  SYMPTOM_FREQUENCIES,
  type MerchantScreenshot,
} from '../../../../shared/report/symptom-form';
import { CONTACT_FIELDS, editContact, editDraft, missingFields, useReportSession } from './report-session';
import { useBytes } from './use-bytes';

const DESCRIPTION_MAX = 4000;
const NAME_MAX = 200;
const ACCEPTED = ['image/png', 'image/jpeg'] as const;

/**
 * The picture redrawn as a fresh PNG: only its pixels travel, never what a phone or an editor wrote around
 * them (Exif with GPS and owner, comments, data after the picture). The bundle sends PNG only.
 */
async function redrawAsPng(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    bitmap.close();
  }
}

/** The file as base64 (what crosses IPC), without the data: URL's prefix. */
const readBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/**
 * What happened, in the merchant's own words: what the buyer saw, since when, how often, their own
 * pictures, and (only if they want to) how support can reach them.
 */
export function SymptomForm({ watchHasData, disabled }: { watchHasData: boolean; disabled: boolean }) {
  const { t } = useTranslation();
  const ids = useId();
  const { draft, showErrors, presetCategory } = useReportSession();
  const preset = presetCategory !== null && draft.category === presetCategory;
  const missing = showErrors ? missingFields(draft) : [];

  return (
    <Card title={<h2 className="card-title">{t('report.form.title')}</h2>} data-testid="symptom-form">
      <Form layout="vertical" component="div" disabled={disabled} requiredMark>
        <Form.Item
          label={<span id={`${ids}-category`}>{t('report.form.category')}</span>}
          required
          validateStatus={missing.includes('category') ? 'error' : undefined}
          help={missing.includes('category') ? t('report.form.categoryMissing') : undefined}
          extra={
            preset ? (
              <span data-testid="symptom-category-preset">{t('report.form.categoryPreset')}</span>
            ) : undefined
          }
        >
          <Radio.Group
            aria-labelledby={`${ids}-category`}
            value={draft.category}
            onChange={(event) => editDraft({ category: event.target.value })}
            data-testid="symptom-category"
          >
            <Flex vertical gap="small">
              {SYMPTOM_CATEGORIES.map((category) => (
                <Radio key={category} value={category}>
                  {t(`report.categories.${category}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>

        <Form.Item
          label={t('report.form.description')}
          htmlFor={`${ids}-description`}
          required
          extra={t('report.form.descriptionHint')}
          validateStatus={missing.includes('description') ? 'error' : undefined}
          help={missing.includes('description') ? t('report.form.descriptionMissing') : undefined}
        >
          <Input.TextArea
            id={`${ids}-description`}
            value={draft.description}
            onChange={(event) => editDraft({ description: event.target.value })}
            maxLength={DESCRIPTION_MAX}
            autoSize={{ minRows: 3, maxRows: 10 }}
            placeholder={t('report.form.descriptionPlaceholder')}
            data-testid="symptom-description"
          />
        </Form.Item>

        <Form.Item label={t('report.form.firstSeen')} htmlFor={`${ids}-first-seen`}>
          <Flex align="center" gap="middle" wrap>
            <DatePicker
              id={`${ids}-first-seen`}
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              needConfirm={false}
              value={draft.firstSeenUnsure ? null : draft.firstSeen}
              disabled={disabled || draft.firstSeenUnsure}
              disabledDate={(day) => day.valueOf() > Date.now()}
              onChange={(value) => editDraft({ firstSeen: value ?? null })}
              placeholder={t('report.form.firstSeenPlaceholder')}
              data-testid="symptom-first-seen"
            />
            <Checkbox
              checked={draft.firstSeenUnsure}
              onChange={(event) => editDraft({ firstSeenUnsure: event.target.checked })}
              data-testid="symptom-first-seen-unsure"
            >
              {t('report.form.firstSeenUnsure')}
            </Checkbox>
          </Flex>
        </Form.Item>

        <Form.Item label={<span id={`${ids}-frequency`}>{t('report.form.frequency')}</span>}>
          <Radio.Group
            aria-labelledby={`${ids}-frequency`}
            optionType="button"
            value={draft.frequency}
            onChange={(event) => editDraft({ frequency: event.target.value })}
            options={SYMPTOM_FREQUENCIES.map((value) => ({
              value,
              label: t(`report.frequencies.${value}`),
            }))}
            data-testid="symptom-frequency"
          />
        </Form.Item>

        <Form.Item label={<span id={`${ids}-shots`}>{t('report.form.screenshots')}</span>}>
          <ScreenshotPicker labelledBy={`${ids}-shots`} disabled={disabled} />
        </Form.Item>

        <Form.Item label={t('report.form.contactTitle')}>
          <Flex vertical gap="small">
            <Checkbox
              checked={draft.wantsContact}
              onChange={(event) => editDraft({ wantsContact: event.target.checked })}
              data-testid="contact-consent"
            >
              {t('report.form.contactConsent')}
            </Checkbox>
            <Typography.Text type="secondary">{t('report.form.contactHint')}</Typography.Text>
            {draft.wantsContact && (
              <div className="report-contact-grid" data-testid="contact-fields">
                {CONTACT_FIELDS.map((field) => (
                  <label key={field} className="report-contact-field">
                    <span>{t(`report.contact.${field}`)}</span>
                    <Input
                      value={draft.contact[field]}
                      maxLength={
                        field === 'phone' ? 40 : field === 'email' || field === 'preferredTime' ? 200 : 100
                      }
                      onChange={(event) => editContact(field, event.target.value)}
                      data-testid={`contact-${field}`}
                    />
                  </label>
                ))}
              </div>
            )}
          </Flex>
        </Form.Item>

        {watchHasData && (
          <Form.Item label={t('report.form.watchTitle')}>
            <Checkbox
              checked={draft.attachWatch}
              onChange={(event) => editDraft({ attachWatch: event.target.checked })}
              data-testid="attach-watch"
            >
              {t('report.form.watchAttach')}
            </Checkbox>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}

/** The merchant's own pictures (a buyer's phone screenshot): PNG or JPEG, a few, not too large. */
function ScreenshotPicker({ labelledBy, disabled }: { labelledBy: string; disabled: boolean }) {
  const { t } = useTranslation();
  const bytes = useBytes();
  const input = useRef<HTMLInputElement>(null);
  const { draft } = useReportSession();
  const [notes, setNotes] = useState<string[]>([]);
  const full = draft.screenshots.length >= MAX_MERCHANT_SCREENSHOTS;

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    const added: MerchantScreenshot[] = [];
    const problems: string[] = [];
    for (const file of files) {
      if (draft.screenshots.length + added.length >= MAX_MERCHANT_SCREENSHOTS) {
        problems.push(t('report.shots.tooMany', { name: file.name, max: MAX_MERCHANT_SCREENSHOTS }));
        continue;
      }
      if (!(ACCEPTED as readonly string[]).includes(file.type)) {
        problems.push(t('report.shots.wrongType', { name: file.name }));
        continue;
      }
      if (file.size > MAX_MERCHANT_SCREENSHOT_BYTES) {
        problems.push(
          t('report.shots.tooLarge', { name: file.name, max: bytes(MAX_MERCHANT_SCREENSHOT_BYTES) }),
        );
        continue;
      }
      try {
        const candidate = {
          name: file.name.slice(0, NAME_MAX),
          mediaType: 'image/png',
          base64: await readBase64(await redrawAsPng(file)),
        };
        const checked = MerchantScreenshotSchema.safeParse(candidate);
        if (checked.success) added.push(checked.data);
        else problems.push(t('report.shots.unreadable', { name: file.name }));
      } catch {
        problems.push(t('report.shots.unreadable', { name: file.name }));
      }
    }
    setNotes(problems);
    if (added.length > 0) editDraft({ screenshots: [...draft.screenshots, ...added] });
  };

  const remove = (index: number) =>
    editDraft({ screenshots: draft.screenshots.filter((_, i) => i !== index) });

  return (
    <Flex vertical gap="small" role="group" aria-labelledby={labelledBy}>
      <Typography.Text type="secondary">
        {t('report.shots.hint', {
          max: MAX_MERCHANT_SCREENSHOTS,
          size: bytes(MAX_MERCHANT_SCREENSHOT_BYTES),
        })}
      </Typography.Text>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED.join(',')}
        multiple
        style={{ display: 'none' }}
        onChange={(event) => void onFiles(event)}
        data-testid="screenshot-input"
      />
      <div>
        <Button icon={<PictureOutlined />} disabled={disabled || full} onClick={() => input.current?.click()}>
          {t('report.shots.add')}
        </Button>
      </div>
      {notes.map((note) => (
        <Typography.Text key={note} type="danger" role="alert">
          {note}
        </Typography.Text>
      ))}
      {draft.screenshots.length > 0 && (
        <ul className="report-shots" data-testid="merchant-screenshots">
          {draft.screenshots.map((shot, index) => (
            <li key={`${index}-${shot.name}`} className="report-shot">
              <img src={`data:${shot.mediaType};base64,${shot.base64}`} alt={shot.name} />
              <Flex align="center" justify="space-between" gap="small">
                <Typography.Text ellipsis className="report-shot-name">
                  {shot.name}
                </Typography.Text>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={disabled}
                  aria-label={t('report.shots.removeLabel', { name: shot.name })}
                  onClick={() => remove(index)}
                />
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
