import type { Access, Permission, SystemRoleKey } from '@regulars/contracts';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies
export type Req = { url: string; payload?: unknown };
export type Outcome = { status: number; code?: string };
export type Rule = {
  access: Access;
  /** A syntactically valid request, built fresh for each call (versions move, ids get used). */
  request: (fx: Fixture) => Req | Promise<Req>;
  /** What a caller who may call the route gets back; 200 unless said. */
  reached?: Outcome;
  /** Works on a staff session only: an API key, although authenticated, is told to sign in. */
  sessionOnly?: true;
  /** A second permission the row in the sample request needs (someone else's note). */
  alsoNeeds?: Permission;
};
export type Rules = Record<string, Rule>;

/** What the matrix sets up once, as the administrator, for the sample requests. */
export type Fixture = {
  slug: string;
  storeIds: string[];
  roleIds: Record<SystemRoleKey, string>;
  customRoleId: string;
  targetStaffId: string;
  memberId: string;
  categoryId: string;
  productId: string;
  purchaseId: string;
  next(): number;
  /** GET as an administrator who is never signed out by the matrix. */
  read(url: string): Promise<Json>;
  /** POST as that administrator. */
  create(url: string, payload: object): Promise<Json>;
};

export const password = 'correct horse battery';

/** The fields of `row` that an update schema takes: a read turned into a valid write. */
export const fieldsOf = (schema: { shape: object }, row: Json): Json =>
  Object.fromEntries(
    Object.keys(schema.shape)
      .filter((k) => k in row)
      .map((k) => [k, row[k]]),
  );
