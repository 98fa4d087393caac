import { DeleteOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@regulars/contracts';
import { api, query } from '../../../api';
import { formatMinute } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { toApiError } from '../../../use-api';

const MAX_BYTES = 5 * 1024 * 1024;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KB`;
}

/** One note: its text and attachments; its author (or "edit others' notes") edits it. */
export function NoteItem(props: { note: Note; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const n = props.note;
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) message.success(done);
      props.onChanged();
      return true;
    } catch (e) {
      message.error(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (editing === null || !editing.trim()) return;
    const body = editing;
    if (await run(() => api.patch(`/notes/${n.noteId}`, { body, version: n.version })))
      setEditing(null);
  };

  const upload = (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('notes.tooLarge'));
      return;
    }
    void run(
      () => api.upload(`/notes/${n.noteId}/attachments${query({ filename: file.name })}`, file),
      t('notes.attached', { name: file.name }),
    );
  };

  return (
    <Card size="small" data-testid="note">
      <Flex justify="space-between" align="baseline" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {n.authorName ?? t('notes.unknownAuthor')} · {formatMinute(n.createdAt, lang)}
          {n.updatedAt !== n.createdAt && ` · ${t('notes.edited')}`}
        </Typography.Text>
        {n.editable && editing === null && (
          <Space size={0}>
            <Upload
              showUploadList={false}
              customRequest={({ file }) => upload(file as File)}
              data-testid="note-upload"
            >
              <Button type="link" size="small" icon={<UploadOutlined />} loading={busy}>
                {t('notes.attach')}
              </Button>
            </Upload>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(n.body)}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('notes.deleteConfirm')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => run(() => api.delete(`/notes/${n.noteId}`), t('notes.deleted'))}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Flex>
      {editing === null ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>
          {n.body}
        </Typography.Paragraph>
      ) : (
        <div style={{ marginTop: 6 }}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            aria-label={t('common.edit')}
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
          />
          <Flex justify="flex-end" gap={8} style={{ marginTop: 8 }}>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </Flex>
        </div>
      )}
      {n.attachments.length > 0 && (
        <Flex vertical gap={2} style={{ marginTop: 6 }} data-testid="attachments">
          {n.attachments.map((a) => (
            <a key={a.attachmentId} href={`/api/attachments/${a.attachmentId}`} download>
              <PaperClipOutlined /> {a.filename}{' '}
              <Typography.Text type="secondary">({size(a.sizeBytes)})</Typography.Text>
            </a>
          ))}
        </Flex>
      )}
    </Card>
  );
}
