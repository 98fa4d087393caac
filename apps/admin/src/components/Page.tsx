import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A console page: its title (and what it is for), actions on the right, then its content. */
export function Page(props: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          {props.description && (
            <Typography.Text type="secondary">{props.description}</Typography.Text>
          )}
        </div>
        {props.extra}
      </Flex>
      {props.children}
    </div>
  );
}
