import { lazy, type ComponentType } from 'react';
import type { Member, Permission } from '@regulars/contracts';
import { AnniversariesTab } from './tabs/AnniversariesTab';
import { NotesTab } from './tabs/NotesTab';
import { PurchasesTab } from './tabs/PurchasesTab';
import { RelationsTab } from './tabs/RelationsTab';
import { TasksTab } from './tabs/TasksTab';
import { TimelineTab } from './tabs/TimelineTab';

/** What every Member 360 tab is given. */
export type MemberTabProps = {
  memberId: string;
  member: Member;
  /** Tell the page something changed (the timeline reads afresh). */
  onChanged(): void;
};

export type MemberTab = {
  key: string;
  /** i18n key of the tab's name. */
  label: string;
  Tab: ComponentType<MemberTabProps>;
  /** Shown only to roles with this permission. */
  permission?: Permission;
  /** Read afresh whenever another tab reports a change. */
  followsChanges?: boolean;
};

/**
 * Member 360's tabs, in order. Another module adds its tab with one line here, its component
 * loaded when first opened: `{ key: 'points', label: 'loyalty.pointsTab', Tab: lazy(() =>
 * import('../loyalty/MemberPointsTab')) }` (a default export taking MemberTabProps).
 */
export const MEMBER_TABS: MemberTab[] = [
  { key: 'timeline', label: 'members.tabs.timeline', Tab: TimelineTab, followsChanges: true },
  { key: 'purchases', label: 'members.tabs.purchases', Tab: PurchasesTab },
  { key: 'notes', label: 'members.tabs.notes', Tab: NotesTab },
  {
    key: 'messages',
    label: 'messaging.send.tab',
    Tab: lazy(() => import('../messages/MemberMessagesTab')),
  },
  { key: 'tasks', label: 'members.tabs.tasks', Tab: TasksTab },
  { key: 'anniversaries', label: 'members.tabs.anniversaries', Tab: AnniversariesTab },
  { key: 'relations', label: 'members.tabs.relations', Tab: RelationsTab },
  // The graph brings ECharts: its own chunk.
  { key: 'graph', label: 'members.tabs.graph', Tab: lazy(() => import('./tabs/GraphTab')) },
  {
    key: 'points',
    label: 'loyalty.member.tab',
    Tab: lazy(() => import('../loyalty/MemberPointsTab')),
  },
  {
    key: 'tier',
    label: 'rewards.member.tab',
    Tab: lazy(() => import('../tiers/MemberLoyaltyTab')),
  },
];
