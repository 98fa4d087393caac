import { type Fixture, type Rules } from './rules';

/** A small member file, and a fresh upload of it by the administrator (its import id). */
const importFile = () => Buffer.from('Name,Mobile\r\nImported,0912000333\r\n');
const uploaded = async (fx: Fixture) =>
  (await fx.create('/api/imports?fileName=m.csv', importFile())).importId as string;

/** Imports, exports and the data-subject export. */
export const IMPORTS_ROUTES: Rules = {
  'POST /api/imports': {
    access: 'members.import',
    request: () => ({ url: '/api/imports?fileName=m.csv', payload: importFile() }),
  },
  'GET /api/imports': { access: 'members.import', request: () => ({ url: '/api/imports' }) },
  'GET /api/imports/template': {
    access: 'members.import',
    request: () => ({ url: '/api/imports/template?format=csv' }),
  },
  'GET /api/imports/:id': {
    access: 'members.import',
    request: async (fx) => ({ url: `/api/imports/${await uploaded(fx)}` }),
  },
  'POST /api/imports/:id/start': {
    access: 'members.import',
    request: async (fx) => ({
      url: `/api/imports/${await uploaded(fx)}/start`,
      payload: { mapping: ['name', 'phone'], matchBy: 'phone', dryRun: true },
    }),
  },
  'GET /api/imports/:id/rejects': {
    access: 'members.import',
    request: async (fx) => ({ url: `/api/imports/${await uploaded(fx)}/rejects` }),
  },
  'GET /api/imports/:id/rejects.csv': {
    access: 'members.import',
    request: async (fx) => ({ url: `/api/imports/${await uploaded(fx)}/rejects.csv` }),
  },
  'GET /api/members/export': {
    access: 'members.export',
    request: () => ({ url: '/api/members/export?format=csv&tag=VIP' }),
  },
  'GET /api/members/:id/data': {
    access: 'members.export',
    alsoNeeds: 'contacts.view',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/data` }),
  },
};
