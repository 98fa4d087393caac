import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '@regulars/contracts';
import { api, query } from '../../api';

/** Picks a member by typing a name, pinyin, initials, phone or card number. */
export function MemberPicker(props: {
  value?: string;
  onChange?(id: string | undefined): void;
  exclude?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      void api
        .get<{ items: Member[] }>(`/members${query({ q, limit: 20 })}`)
        .then((page) => {
          if (!live) return;
          setOptions(
            page.items
              .filter((m) => m.memberId !== props.exclude)
              .map((m) => ({ value: m.memberId, label: `${m.name} · ${m.cardNumber}` })),
          );
        })
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, props.exclude]);
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('members.pickPlaceholder')}
      notFoundContent={text.trim() ? t('members.noMatch') : null}
      options={options}
    />
  );
}
