import { getImport, runMemberImport, startImport, uploadImport } from '../imports';
import { createMember } from '../members/demo-services';
import { at, existing, inParallel, systemAuth, type DemoRun } from './demo-writers';
import { setDemoImport } from './demo-progress';

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? 'Y' : 'N');
const IMPORT_MAPPING = [
  'externalId',
  'name',
  'gender',
  'birthday',
  'phone',
  'email',
  'homeStore',
  'tags',
  'consent.sms',
  'consent.email',
];

/**
 * The business's old customer list, imported on the first day: a CSV fed through the member
 * import (upload, mapping, batched upsert by external id), as an admin would.
 */
export async function writeImportedMembers(run: DemoRun): Promise<void> {
  const rows = run.plan.members.filter((m) => m.source === 'import');
  const admin = run.staff[0]!;
  const ctx = at(run.ctx, run.start);
  let importId = run.importId;
  if (!importId) {
    const lines = [
      '會員編號,姓名,性別,生日,手機,Email,分店,標籤,簡訊同意,Email同意',
      ...rows.map((m) =>
        [
          m.externalId,
          m.name,
          m.gender === 'female' ? '女' : m.gender === 'male' ? '男' : '',
          m.birthday.replace(/-/g, '/'),
          m.phone,
          m.email ?? '',
          m.store,
          m.tags.join('、'),
          yesNo(m.consents.sms),
          yesNo(m.consents.email),
        ]
          .map(csvCell)
          .join(','),
      ),
    ];
    const up = await uploadImport(ctx, admin, '老顧客名單.csv', Buffer.from(lines.join('\n')));
    importId = up.importId;
    await run.ctx.db.withTenant(run.tenantId, (tx) => setDemoImport(tx, up.importId));
  }
  const imp = await getImport(ctx, admin, importId);
  if (imp.status === 'uploaded' || imp.status === 'failed')
    await startImport(ctx, admin, importId, {
      mapping: IMPORT_MAPPING,
      matchBy: 'external_id',
      dryRun: false,
    });
  let seen = 0;
  await runMemberImport(ctx, run.tenantId, importId, {
    afterBatch: () => {
      const n = Math.min(rows.length, seen + 500) - seen;
      seen += n;
      run.tick(n);
    },
  });
  run.tick(rows.length - seen);
  run.step('import');
}

/** Everyone else, one at a time as they joined: by staff at the table, the portal, the POS. */
export async function writeJoinedMembers(run: DemoRun): Promise<void> {
  const have = new Set(
    (
      await existing<{ external_id: string }>(
        run,
        "SELECT external_id FROM members WHERE external_id LIKE 'demo-m-%'",
      )
    ).map((r) => r.external_id),
  );
  const joined = run.plan.members
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.source !== 'import')
    .sort((a, b) => +a.m.joinedAt - +b.m.joinedAt);
  let k = 0;
  // A few at a time: each is its own transaction, as when staff sign members up at the tables.
  await inParallel(joined, 3, async ({ m }) => {
    if (!have.has(m.externalId)) {
      const byStaff = m.source === 'staff' || m.source === 'referral';
      const staff = run.staff[1 + (k % (run.staff.length - 1))] ?? run.staff[0]!;
      const auth = byStaff
        ? { ...staff, storeId: run.storeIds.get(m.store)! }
        : systemAuth(run.tenantId, m.source === 'portal' ? 'member portal' : 'POS', staff);
      const introducer =
        m.introducedBy === null ? null : run.plan.members[m.introducedBy]!.externalId;
      await createMember(
        at(run.ctx, m.joinedAt),
        auth,
        {
          name: m.name,
          gender: m.gender,
          birthday: m.birthday,
          phone: m.phone,
          otherPhones: [],
          email: m.email,
          address: '',
          preferredChannel: null,
          language: null,
          timeZone: null,
          homeStoreId: run.storeIds.get(m.store)!,
          externalId: m.externalId,
          tags: m.tags,
          custom: {},
          consents: m.consents,
        },
        { source: m.source, ...(introducer ? { ref: { introducedBy: introducer } } : {}) },
      );
    }
    run.tick();
    if (++k % 50 === 0) run.step('members');
  });
  run.step('members');
}
