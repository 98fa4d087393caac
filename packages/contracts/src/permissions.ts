import { z } from 'zod';
import type { Translated } from './common';

/**
 * Every permission a role can hold. Modules add theirs here as they arrive; the role editor,
 * the route guard and the role-matrix test all read this one list.
 */
export const PERMISSIONS = [
  'members.browse',
  'members.add',
  'members.modify',
  'members.delete',
  'members.import',
  'members.export',
  'contacts.view',
  'notes.edit_others',
  'messages.send_single',
  'messages.send_batch',
  'settings.maintain',
  'audit.view',
  'calls.report',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const PERMISSION_LABELS: Record<Permission, Translated> = {
  'members.browse': { 'zh-CN': '浏览会员', 'zh-TW': '瀏覽會員', en: 'Browse members' },
  'members.add': { 'zh-CN': '新增会员', 'zh-TW': '新增會員', en: 'Add members' },
  'members.modify': { 'zh-CN': '修改会员', 'zh-TW': '修改會員', en: 'Modify members' },
  'members.delete': { 'zh-CN': '删除会员', 'zh-TW': '刪除會員', en: 'Delete members' },
  'members.import': { 'zh-CN': '导入', 'zh-TW': '匯入', en: 'Import' },
  'members.export': { 'zh-CN': '导出', 'zh-TW': '匯出', en: 'Export' },
  'contacts.view': {
    'zh-CN': '查看联系方式',
    'zh-TW': '檢視聯絡資料',
    en: 'View contact details',
  },
  'notes.edit_others': {
    'zh-CN': '编辑他人的记事',
    'zh-TW': '編輯他人的記事',
    en: "Edit others' notes",
  },
  'messages.send_single': {
    'zh-CN': '单笔发送（短信/邮件）',
    'zh-TW': '單筆發送（簡訊/郵件）',
    en: 'Send one message',
  },
  'messages.send_batch': {
    'zh-CN': '批量发送（营销活动）',
    'zh-TW': '批次發送（行銷活動）',
    en: 'Batch send (campaigns)',
  },
  'settings.maintain': { 'zh-CN': '系统维护', 'zh-TW': '系統維護', en: 'Maintain the system' },
  'audit.view': { 'zh-CN': '查看稽核记录', 'zh-TW': '檢視稽核紀錄', en: 'View the audit log' },
  'calls.report': {
    'zh-CN': '通报来电（电话总机）',
    'zh-TW': '通報來電（電話總機）',
    en: 'Report incoming calls (phone system)',
  },
};

export const SYSTEM_ROLE_KEYS = [
  'admin',
  'customer_manager',
  'marketing_manager',
  'customer_assistant',
] as const;
export const SystemRoleKey = z.enum(SYSTEM_ROLE_KEYS);
export type SystemRoleKey = z.infer<typeof SystemRoleKey>;

const customerManager: Permission[] = [
  'members.browse',
  'members.add',
  'members.modify',
  'members.delete',
  'members.import',
  'members.export',
  'contacts.view',
  'messages.send_single',
];

/**
 * The four roles of seed 003 slide 90. Customer managers send one at a time and edit only their
 * own notes; marketing managers add batch sends and have no own-notes limit; assistants browse,
 * add one at a time and modify, with no delete, import, export or sending.
 */
export const SYSTEM_ROLES: Record<SystemRoleKey, { permissions: Permission[]; label: Translated }> =
  {
    admin: {
      permissions: [...PERMISSIONS],
      label: { 'zh-CN': '系统管理员', 'zh-TW': '系統管理員', en: 'System administrator' },
    },
    customer_manager: {
      permissions: customerManager,
      label: { 'zh-CN': '客户管理员', 'zh-TW': '客戶管理員', en: 'Customer manager' },
    },
    marketing_manager: {
      permissions: [...customerManager, 'messages.send_batch', 'notes.edit_others'],
      label: { 'zh-CN': '营销管理员', 'zh-TW': '行銷管理員', en: 'Marketing manager' },
    },
    customer_assistant: {
      permissions: ['members.browse', 'members.add', 'members.modify'],
      label: { 'zh-CN': '客户助理', 'zh-TW': '客戶助理', en: 'Customer assistant' },
    },
  };

/** Who may call a route: anyone, any signed-in caller, or holders of one permission. */
export type Access = 'public' | 'authenticated' | Permission;
