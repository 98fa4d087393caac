import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleAward } from '@regulars/contracts';

/** Which rule gave how much (and why less, when a cap or budget stopped it). */
export function AwardList({ awards }: { awards: RuleAward[] }) {
  const { t } = useTranslation();
  return (
    <div>
      {awards.map((a) => (
        <div key={a.ruleId}>
          <Typography.Text>
            {a.name}: +{a.points}
            {a.multiplier !== 1 && ` (${a.base} × ${a.multiplier})`}
          </Typography.Text>{' '}
          {a.limitedBy && <Tag color="orange">{t(`loyalty.limitedBy.${a.limitedBy}`)}</Tag>}
        </div>
      ))}
    </div>
  );
}
