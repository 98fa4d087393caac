import {
  between,
  chance,
  emailFor,
  mobileNumber,
  personName,
  pick,
  prng,
  weighted,
  type Gender,
  type Rand,
} from './demo-people';
import { families, introductions } from './demo-relations';
import { DAY, memberVisits, type DemoVisit, type Segment } from './demo-visits';

/** Everything the demo writes, decided up front from a seed: a re-run plans the very same data. */
export type DemoMember = {
  externalId: string;
  name: string;
  surname: string;
  gender: Gender;
  birthday: string;
  age: number;
  phone: string;
  email: string | null;
  store: string;
  tags: string[];
  consents: { sms?: boolean; email?: boolean };
  source: 'import' | 'staff' | 'portal' | 'pos' | 'referral';
  joinedAt: Date;
  segment: Segment;
  introducedBy: number | null;
};
export type DemoRelation = { from: number; to: number; kind: string; note: string };
export type DemoNote = { member: number; body: string; author: number; at: Date };
export type DemoAnniversary = { member: number; kind: string; label: string; date: string };
export type DemoTask = { member: number; title: string; assignee: number; dueAt: Date };
export type DemoPlan = {
  members: DemoMember[];
  relations: DemoRelation[];
  notes: DemoNote[];
  anniversaries: DemoAnniversary[];
  tasks: DemoTask[];
  visits: (member: number) => DemoVisit[];
};

export const DEMO_SEED = 20_240_601;
export const memberExternalId = (i: number) => `demo-m-${String(i + 1).padStart(5, '0')}`;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const honorific = (m: DemoMember) =>
  m.surname + (m.gender === 'female' ? '小姐' : m.gender === 'male' ? '先生' : '');

function pickTags(r: Rand, age: number, segment: Segment, birthMonth: number, month: number) {
  const tags: string[] = [];
  if (segment === 'vip') tags.push('VIP');
  if (birthMonth === month) tags.push('生日月');
  if (age < 24 && chance(r, 0.6)) tags.push('學生');
  else if (age < 60 && chance(r, 0.45)) tags.push('上班族');
  if (age >= 30 && age < 60 && chance(r, 0.3)) tags.push('家庭客');
  if (chance(r, 0.05)) tags.push('素食');
  const spice = r();
  if (spice < 0.15) tags.push('不吃辣');
  else if (spice < 0.4) tags.push('愛吃辣');
  if (segment !== 'once' && segment !== 'occasional' && age >= 30 && chance(r, 0.2))
    tags.push('商務宴客');
  if (chance(r, 0.04)) tags.push('不要冰');
  return tags;
}

/** ~`count` members, their relations, notes, anniversaries, tasks and visits, ending at `anchor`. */
export function demoPlan(count: number, anchor: Date, stores: string[], staff: number): DemoPlan {
  const r = prng(DEMO_SEED);
  const start = anchor.getTime() - 730 * DAY;
  const phones = new Set<string>();
  const members: DemoMember[] = [];
  for (let i = 0; i < count; i++) {
    const who = personName(r);
    const age = 18 + Math.min(57, Math.floor(Math.abs(r() + r() + r() - 1.5) * 30 + r() * 12));
    const birth = new Date(
      Date.UTC(anchor.getUTCFullYear() - age, between(r, 0, 11), between(r, 1, 28)),
    );
    const segment = weighted(r, [
      ['vip', 8],
      ['regular', 17],
      ['occasional', 40],
      ['once', 35],
    ] as const);
    const source = weighted(r, [
      ['import', 40],
      ['staff', 35],
      ['portal', 15],
      ['pos', 10],
    ] as const);
    // Sign-ups grow over time: later days see more of them.
    const joinedAt =
      source === 'import'
        ? new Date(start)
        : new Date(start + Math.floor(Math.sqrt(r()) * 729 * DAY) + DAY);
    const hasEmail = chance(r, age < 50 ? 0.45 : 0.2);
    members.push({
      externalId: memberExternalId(i),
      ...who,
      birthday: iso(birth),
      age,
      phone: mobileNumber(r, phones),
      email: hasEmail ? emailFor(r, who.surname, i + 1) : null,
      store: chance(r, 0.55) ? stores[0]! : (stores[1] ?? stores[0]!),
      tags: pickTags(r, age, segment, birth.getUTCMonth(), anchor.getUTCMonth()),
      consents: {
        ...(chance(r, 0.9) ? { sms: chance(r, 0.94) } : {}),
        ...(hasEmail ? { email: chance(r, 0.55) } : {}),
      },
      source,
      joinedAt,
      segment,
      introducedBy: null,
    });
  }
  const relations = introductions(r, members);
  relations.push(...families(r, members));
  const notes = noteFor(r, members, anchor, staff);
  const anniversaries = members.flatMap((m, i) => anniversaryFor(r, m, i, relations));
  const tasks = tasksFor(r, members, anchor, staff);
  const visitSeed = r() * 2 ** 32;
  return {
    members,
    relations,
    notes,
    anniversaries,
    tasks,
    // Visits are drawn per member from their own stream: the purchases of member 4,000 do not
    // need members 1–3,999 generated first, and a resumed run agrees with the first one.
    visits: (i) =>
      memberVisits(
        prng(visitSeed + i),
        { ...members[i]!, imported: members[i]!.source === 'import' },
        stores,
        anchor,
      ),
  };
}

const NOTE_TEXTS: [string, (m: DemoMember) => boolean][] = [
  ['喜歡小辣，不要香菜', (m) => !m.tags.includes('不吃辣')],
  ['愛喝酸梅湯，每次都點兩杯', () => true],
  ['慶生會常客，每年都在這裡辦生日聚餐', (m) => m.segment !== 'once'],
  ['吃蛋奶素，鍋底用昆布，肉盤換成菇菇拼盤', (m) => m.tags.includes('素食')],
  ['完全不吃辣，醬料也不要加辣油', (m) => m.tags.includes('不吃辣')],
  ['對花生過敏！上菜前提醒廚房不要沙茶', () => true],
  ['習慣坐靠窗的位子，訂位時先留', () => true],
  ['商務宴客，發票要打統編', (m) => m.tags.includes('商務宴客')],
  ['帶小朋友來，需要兒童椅和兒童餐具', (m) => m.tags.includes('家庭客')],
  ['喜歡大辣加麻，會自己加辣油', (m) => m.tags.includes('愛吃辣')],
  ['牛肉只吃全熟，和牛要提醒服務生說明', () => true],
  ['上次等位太久有點不高興，下次優先安排', () => true],
];

function noteFor(r: Rand, members: DemoMember[], anchor: Date, staff: number): DemoNote[] {
  const out: DemoNote[] = [];
  for (const [i, m] of members.entries()) {
    const p = m.segment === 'vip' ? 0.5 : m.segment === 'regular' ? 0.12 : 0.02;
    if (!chance(r, p)) continue;
    const fits = NOTE_TEXTS.filter(([, ok]) => ok(m));
    const span = anchor.getTime() - m.joinedAt.getTime();
    out.push({
      member: i,
      body: pick(r, fits)[0],
      author: between(r, 0, staff - 1),
      at: new Date(m.joinedAt.getTime() + Math.floor(r() * span)),
    });
  }
  return out;
}

function anniversaryFor(r: Rand, m: DemoMember, i: number, rel: DemoRelation[]): DemoAnniversary[] {
  const out: DemoAnniversary[] = [];
  const married = rel.some((x) => x.from === i && x.kind === 'spouse');
  const day = () =>
    `${String(between(r, 1, 12)).padStart(2, '0')}-${String(between(r, 1, 28)).padStart(2, '0')}`;
  if (married && chance(r, 0.5))
    out.push({
      member: i,
      kind: 'wedding',
      label: '結婚紀念日',
      date: `${m.joinedAt.getUTCFullYear() - between(r, 1, 30)}-${day()}`,
    });
  if (m.segment === 'vip' && chance(r, 0.4))
    out.push({ member: i, kind: 'first_visit', label: '第一次來店', date: iso(m.joinedAt) });
  if (m.tags.includes('家庭客') && chance(r, 0.15))
    out.push({
      member: i,
      kind: 'child_birthday',
      label: pick(r, ['兒子生日', '女兒生日']),
      date: `${m.joinedAt.getUTCFullYear() - between(r, 3, 15)}-${day()}`,
    });
  if (m.age >= 28 && chance(r, 0.02))
    out.push({
      member: i,
      kind: 'partner_birthday',
      label: m.gender === 'female' ? '先生生日' : '太太生日',
      date: `${m.joinedAt.getUTCFullYear() - m.age - between(r, -3, 3)}-${day()}`,
    });
  return out;
}

function tasksFor(r: Rand, members: DemoMember[], anchor: Date, staff: number): DemoTask[] {
  const vips = members.map((m, i) => [m, i] as const).filter(([m]) => m.segment === 'vip');
  const titles = [
    (m: DemoMember) => `致電${honorific(m)}邀請參加週年慶`,
    (m: DemoMember) => `${honorific(m)}生日前一週送上生日甜點券`,
    (m: DemoMember) => `確認${honorific(m)}週六 12 人包廂訂位`,
    (m: DemoMember) => `回訪${honorific(m)}：上次反映等位太久`,
    (m: DemoMember) => `${honorific(m)}好一陣子沒來了，打個電話問候`,
  ];
  const out: DemoTask[] = [];
  for (let k = 0; k < Math.min(12, vips.length); k++) {
    const [m, i] = pick(r, vips);
    if (out.some((t) => t.member === i)) continue;
    out.push({
      member: i,
      title: titles[k % titles.length]!(m),
      assignee: k % staff,
      dueAt: new Date(anchor.getTime() + between(r, -3, 10) * DAY),
    });
  }
  return out;
}
