import { Button, Card, Empty, Flex, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@regulars/contracts';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSession } from '../../../session';
import { toApiError, useApiGet } from '../../../use-api';
import { NoteItem } from './NoteItem';

/** Notes about the member, newest first; anyone who may modify members adds them. */
export function NotesTab(props: { memberId: string; onChanged(): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const notes = useApiGet<Note[]>(`/members/${props.memberId}/notes`);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof toApiError> | null>(null);
  const changed = () => {
    notes.reload();
    props.onChanged();
  };

  const add = async () => {
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.post<Note>(`/members/${props.memberId}/notes`, { body });
      setBody('');
      changed();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {session.can('members.modify') && (
        <Card size="small">
          <ErrorAlert error={error} />
          <Form layout="vertical" onFinish={() => void add()}>
            <Input.TextArea
              data-testid="note-body"
              aria-label={t('notes.new')}
              placeholder={t('notes.placeholder')}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={10_000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
            <Flex justify="flex-end" style={{ marginTop: 8 }}>
              <Button type="primary" htmlType="submit" loading={busy} disabled={!body.trim()}>
                {t('notes.add')}
              </Button>
            </Flex>
          </Form>
        </Card>
      )}
      <ErrorAlert error={notes.error} />
      {notes.data && notes.data.length === 0 && <Empty description={t('notes.none')} />}
      {(notes.data ?? []).map((n) => (
        <NoteItem key={n.noteId} note={n} onChanged={changed} />
      ))}
    </Space>
  );
}
