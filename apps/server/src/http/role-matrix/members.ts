import { type Json, type Rules } from './rules';

/** Members, catalog, purchases, the timeline, custom fields, caller ID, duplicates and the graph. */
export const MEMBERS_ROUTES: Rules = {
  'GET /api/members': {
    access: 'members.browse',
    request: () => ({ url: '/api/members?q=Regular&limit=5' }),
  },
  'POST /api/members': {
    access: 'members.add',
    request: (fx) => ({ url: '/api/members', payload: { name: `Regular ${fx.next()}` } }),
  },
  'GET /api/members/:id': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}` }),
  },
  'GET /api/members/:id/contact': {
    access: 'contacts.view',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/contact` }),
  },
  'GET /api/members/:id/card': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/card` }),
  },
  'PATCH /api/members/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const url = `/api/members/${fx.memberId}`;
      const { version } = await fx.read(url);
      return { url, payload: { address: `No. ${fx.next()}, Main Street`, version } };
    },
  },
  'PUT /api/members/:id/consents/:channel': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/consents/email`,
      payload: { granted: fx.next() % 2 === 0 },
    }),
  },
  'DELETE /api/members/:id': {
    access: 'members.delete',
    request: async (fx) => {
      const member = await fx.create('/api/members', { name: `Leaving ${fx.next()}` });
      return { url: `/api/members/${member.memberId}` };
    },
  },
  'GET /api/product-categories': {
    access: 'members.browse',
    request: () => ({ url: '/api/product-categories' }),
  },
  'POST /api/product-categories': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/product-categories',
      payload: { name: `Category ${fx.next()}` },
    }),
  },
  'PUT /api/product-categories/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const all = (await fx.read('/api/product-categories')) as Json[];
      const { version } = all.find((c) => c.categoryId === fx.categoryId)!;
      return {
        url: `/api/product-categories/${fx.categoryId}`,
        payload: { name: `Sauces ${fx.next()}`, version },
      };
    },
  },
  'GET /api/products': {
    access: 'members.browse',
    request: () => ({ url: '/api/products?q=sauce' }),
  },
  'GET /api/products/:id': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/products/${fx.productId}` }),
  },
  'POST /api/products': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/products',
      payload: { sku: `SKU-${fx.next()}`, name: 'Tofu', priceMinor: 3000 },
    }),
  },
  'PATCH /api/products/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const { version } = await fx.read(`/api/products/${fx.productId}`);
      return {
        url: `/api/products/${fx.productId}`,
        payload: { priceMinor: 12000 + fx.next(), version },
      };
    },
  },
  'POST /api/purchases': {
    access: 'members.modify',
    request: (fx) => ({
      url: '/api/purchases',
      payload: {
        memberId: fx.memberId,
        lines: [{ name: 'Rice', unitPriceMinor: 1000 + fx.next() }],
      },
    }),
  },
  'GET /api/purchases/:id': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/purchases/${fx.purchaseId}` }),
  },
  'GET /api/members/:id/purchases': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/purchases` }),
  },
  'GET /api/members/:id/timeline': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/timeline` }),
  },
  'GET /api/members/:id/notes': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/notes` }),
  },
  'POST /api/members/:id/notes': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/notes`,
      payload: { body: `Likes it mild (${fx.next()})` },
    }),
  },
  'PATCH /api/notes/:id': {
    access: 'members.modify',
    alsoNeeds: 'notes.edit_others',
    request: async (fx) => {
      const note = await fx.create(`/api/members/${fx.memberId}/notes`, {
        body: 'by the administrator',
      });
      return {
        url: `/api/notes/${note.noteId}`,
        payload: { body: 'edited', version: note.version },
      };
    },
  },
  'DELETE /api/notes/:id': {
    access: 'members.modify',
    alsoNeeds: 'notes.edit_others',
    request: async (fx) => {
      const note = await fx.create(`/api/members/${fx.memberId}/notes`, {
        body: 'by the administrator',
      });
      return { url: `/api/notes/${note.noteId}` };
    },
  },
  'POST /api/notes/:id/attachments': {
    access: 'members.modify',
    alsoNeeds: 'notes.edit_others',
    request: async (fx) => {
      const note = await fx.create(`/api/members/${fx.memberId}/notes`, { body: 'with a file' });
      return {
        url: `/api/notes/${note.noteId}/attachments?filename=a.txt`,
        payload: Buffer.from('hello'),
      };
    },
  },
  'GET /api/attachments/:id': {
    access: 'members.browse',
    request: async (fx) => {
      const notes = (await fx.read(`/api/members/${fx.memberId}/notes`)) as Json[];
      const withFile = notes.find((n) => n.attachments.length > 0);
      if (withFile) return { url: `/api/attachments/${withFile.attachments[0].attachmentId}` };
      return { url: '/api/attachments/00000000-0000-4000-8000-000000000000' };
    },
    reached: { status: 200 },
  },
  'GET /api/tasks': { access: 'members.browse', request: () => ({ url: '/api/tasks?mine=true' }) },
  'POST /api/tasks': {
    access: 'members.modify',
    request: (fx) => ({
      url: '/api/tasks',
      payload: { memberId: fx.memberId, title: `Call back ${fx.next()}` },
    }),
  },
  'PATCH /api/tasks/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const task = await fx.create('/api/tasks', {
        memberId: fx.memberId,
        title: 'Thank-you call',
      });
      return {
        url: `/api/tasks/${task.taskId}`,
        payload: { status: 'done', version: task.version },
      };
    },
  },
  'GET /api/members/:id/anniversaries': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/anniversaries` }),
  },
  'POST /api/members/:id/anniversaries': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/anniversaries`,
      payload: { kind: 'wedding', date: '2015-10-10' },
    }),
  },
  'DELETE /api/anniversaries/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const a = await fx.create(`/api/members/${fx.memberId}/anniversaries`, {
        kind: 'other',
        date: '2020-01-01',
      });
      return { url: `/api/anniversaries/${a.anniversaryId}` };
    },
  },
  'GET /api/members/:id/relations': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/relations` }),
  },
  'POST /api/members/:id/relations': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/relations`,
      payload: { kind: 'friend', contactName: `Friend ${fx.next()}` },
    }),
  },
  'DELETE /api/relations/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const r = await fx.create(`/api/members/${fx.memberId}/relations`, {
        kind: 'other',
        contactName: 'Neighbour',
      });
      return { url: `/api/relations/${r.relationId}` };
    },
  },
  'GET /api/custom-fields': {
    access: 'members.browse',
    request: () => ({ url: '/api/custom-fields' }),
  },
  'POST /api/custom-fields': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/custom-fields',
      payload: {
        key: `field_${fx.next()}`,
        label: { 'zh-CN': '喜好', 'zh-TW': '喜好', en: 'Likes' },
        type: 'text',
      },
    }),
  },
  'PUT /api/custom-fields/:key': {
    access: 'settings.maintain',
    request: async (fx) => {
      const fields = (await fx.read('/api/custom-fields')) as Json[];
      const field = fields.find((f) => f.key === 'favourite')!;
      return {
        url: '/api/custom-fields/favourite',
        payload: {
          label: field.label,
          position: fx.next() % 100,
          active: true,
          version: field.version,
        },
      };
    },
  },
  'GET /api/caller-id': {
    access: 'members.browse',
    request: () => ({ url: '/api/caller-id?phone=0912-345-678' }),
  },
  'POST /api/calls': {
    access: 'calls.report',
    request: () => ({ url: '/api/calls', payload: { callerNumber: '0912345678', extension: '8' } }),
  },
  'GET /api/calls': { access: 'members.browse', request: () => ({ url: '/api/calls?limit=5' }) },
  'GET /api/calls/stream': {
    access: 'members.browse',
    request: () => ({ url: '/api/calls/stream' }),
    // Nobody here has a phone extension, so the stream is refused before it starts.
    reached: { status: 409, code: 'calls.no_extension' },
    sessionOnly: true,
  },
  'GET /api/members/duplicates': {
    access: 'members.browse',
    request: () => ({ url: '/api/members/duplicates?limit=5' }),
  },
  'POST /api/members/:id/merge': {
    access: 'members.delete',
    request: async (fx) => {
      const keep = await fx.create('/api/members', { name: `Twin ${fx.next()}` });
      const dup = await fx.create('/api/members', { name: `Twin ${fx.next()}` });
      return {
        url: `/api/members/${keep.memberId}/merge`,
        payload: {
          duplicateId: dup.memberId,
          version: keep.version,
          duplicateVersion: dup.version,
        },
      };
    },
  },
  'GET /api/members/:id/graph': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/graph?depth=2` }),
  },
  'GET /api/members/influence': {
    access: 'members.browse',
    request: () => ({ url: '/api/members/influence?by=centrality' }),
  },
};
