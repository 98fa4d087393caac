import { z } from 'zod';
import {
  Channel,
  ConsentChange,
  IdParams,
  Member,
  MemberCard,
  MemberCreate,
  MemberSearch,
  MemberUpdate,
  Ok,
  Page,
} from '@regulars/contracts';
import { authOf, type AuthContext } from '../../http/context';
import { languageOf } from '../../http/error-handler';
import type { Api } from '../../http/routes';
import { sign } from '../../platform/signing';
import { followMerged } from './merged-member';
import { toMember } from './member-view';
import { searchMembers } from './members.search';
import type { Origin } from './member-rules';
import { createMember, getMember } from './members.service';
import { updateMember } from './member-update.service';
import { eraseMember, setConsent } from './member-privacy.service';

const tags = ['Members'];

const originOf = (auth: AuthContext): Origin =>
  auth.kind === 'api_key'
    ? { source: 'api', ref: { apiKeyId: auth.actor.id, storeId: auth.storeId } }
    : { source: 'staff', ref: { staffId: auth.actor.id, storeId: auth.storeId } };

export function registerMemberRoutes(api: Api): void {
  const ctx = api.ctx;

  api.get(
    '/members',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'Search members',
        querystring: MemberSearch,
        response: { 200: Page(Member) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const lang = languageOf(req);
      const { rows, nextCursor, country } = await ctx.db.withTenant(auth.tenantId, async (tx) => {
        const t = await tx.selectFrom('tenants').select('phone_country').executeTakeFirstOrThrow();
        return {
          ...(await searchMembers(tx, t.phone_country, req.query)),
          country: t.phone_country,
        };
      });
      return {
        items: rows.map((r) => toMember(r, { reveal: false, lang, country })),
        nextCursor,
      };
    },
  );

  api.post(
    '/members',
    {
      config: { access: 'members.add' },
      schema: { tags, body: MemberCreate, response: { 200: Member } },
    },
    async (req) => {
      const auth = authOf(req);
      const row = await createMember(ctx, auth, req.body, originOf(auth));
      return toMember(row, { reveal: false, lang: languageOf(req) });
    },
  );

  api.get(
    '/members/:id',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'A member, contact details masked',
        description:
          '410 member.merged when the member was merged into another: details.mergedInto is the ' +
          'id of the member who holds the record now.',
        params: IdParams,
        response: { 200: Member },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const row = await getMember(ctx, auth, req.params.id, { audit: false }).catch((e: unknown) =>
        followMerged(ctx, auth, req.params.id, e),
      );
      return toMember(row, { reveal: false, lang: languageOf(req) });
    },
  );

  api.get(
    '/members/:id/contact',
    {
      config: { access: 'contacts.view' },
      schema: {
        tags,
        summary: 'A member with contact details shown (audited)',
        params: IdParams,
        response: { 200: Member },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const row = await getMember(ctx, auth, req.params.id, { audit: true }).catch((e: unknown) =>
        followMerged(ctx, auth, req.params.id, e),
      );
      return toMember(row, { reveal: true, lang: languageOf(req) });
    },
  );

  api.patch(
    '/members/:id',
    {
      config: { access: 'members.modify' },
      schema: { tags, params: IdParams, body: MemberUpdate, response: { 200: Member } },
    },
    async (req) => {
      const auth = authOf(req);
      const row = await updateMember(ctx, auth, req.params.id, req.body, originOf(auth));
      return toMember(row, { reveal: false, lang: languageOf(req) });
    },
  );

  api.put(
    '/members/:id/consents/:channel',
    {
      config: { access: 'members.modify' },
      schema: {
        tags,
        summary: 'Record a consent decision for one channel',
        params: z.strictObject({ id: IdParams.shape.id, channel: Channel }),
        body: ConsentChange,
        response: { 200: Member },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const row = await setConsent(
        ctx,
        auth,
        req.params.id,
        req.params.channel,
        req.body.granted,
        originOf(auth).source,
      );
      return toMember(row, { reveal: false, lang: languageOf(req) });
    },
  );

  api.delete(
    '/members/:id',
    {
      config: { access: 'members.delete' },
      schema: {
        tags,
        summary: "Erase a member's data (on the member's request)",
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await eraseMember(ctx, authOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  api.get(
    '/members/:id/card',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: "The member card's number and signed QR payload",
        params: IdParams,
        response: { 200: MemberCard },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const row = await getMember(ctx, auth, req.params.id, { audit: false });
      return {
        cardNumber: row.card_number,
        qr: sign(ctx.config.secret, 'rc1', [auth.tenantId, row.card_number]),
      };
    },
  );
}
