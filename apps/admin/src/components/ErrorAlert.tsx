import { Alert } from 'antd';
import type { ApiError } from '../api';

/** The server's message, already in the user's language, with its request id for support. */
export function ErrorAlert({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error"
      title={error.message}
      style={{ marginBottom: 16 }}
    />
  );
}
