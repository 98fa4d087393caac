import { z } from 'zod';
import {
  DuplicateGroup,
  DuplicatesQuery,
  IdParams,
  MergeRequest,
  MergeResult,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import { languageOf } from '../../http/error-handler';
import type { Api } from '../../http/routes';
import { findDuplicates } from './duplicates.service';
import { toMember } from './member-view';
import { mergeMembers } from './merge.service';

/** Duplicates and merge: candidates found set-based; a merge that loses nothing. */
export function registerMergeRoutes(api: Api): void {
  const ctx = api.ctx;
  const tags = ['Duplicates and merge'];

  api.get(
    '/members/duplicates',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'Probable duplicates: same phone, same email, or same name and birthday',
        querystring: DuplicatesQuery,
        response: { 200: z.array(DuplicateGroup) },
      },
    },
    async (req) => findDuplicates(ctx, authOf(req), req.query),
  );

  api.post(
    '/members/:id/merge',
    {
      config: { access: 'members.delete' },
      schema: {
        tags,
        summary: 'Merge a duplicate into this member (needs "delete members": a record is retired)',
        description:
          'The member of the URL survives with its id, card number and contact details; empty ' +
          'fields are filled from the duplicate, whose numbers become other numbers; tags and ' +
          'custom values are joined; per channel a "no" to consent beats a "yes". Purchases, ' +
          'notes, tasks, anniversaries, relations, calls and consent history move over; the ' +
          'duplicate is kept with status "merged" and no longer listed. Writes sent to the ' +
          'duplicate while the merge runs land on the survivor. Audited as member.merged. ' +
          '409 conflict.version when either member changed since the versions given.',
        params: IdParams,
        body: MergeRequest,
        response: { 200: MergeResult },
      },
    },
    async (req) => {
      const r = await mergeMembers(ctx, authOf(req), req.params.id, req.body);
      return {
        member: toMember(r.row, { reveal: false, lang: languageOf(req) }),
        merged: r.merged,
        moved: r.moved,
        dropped: r.dropped,
      };
    },
  );
}
