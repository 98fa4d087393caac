import type { Rules } from './rules';

// A well-formed token that this installation never signed: the callbacks are public, and the
// signature (not a session) is what stops a caller.
const FORGED =
  'sd1.00000000-0000-4000-8000-000000000000.00000000-0000-4000-8000-000000000001.AAAAAAAAAAAAAAAAAAAAAA';
const FORGED_INBOUND = 'si1.00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAA';

/** Kannel's delivery reports and inbound messages, and the gateway set-up. */
export const SMS_ROUTES: Rules = {
  'GET /api/sms/dlr': {
    access: 'public',
    request: () => ({ url: `/api/sms/dlr?t=${FORGED}&status=1` }),
    reached: { status: 403, code: 'sms.link_invalid' },
  },
  'GET /api/sms/inbound': {
    access: 'public',
    request: () => ({ url: `/api/sms/inbound?t=${FORGED_INBOUND}&from=%2B886912345678&text=TD` }),
    reached: { status: 403, code: 'sms.link_invalid' },
  },
  'GET /api/sms/gateway': {
    access: 'settings.maintain',
    request: () => ({ url: '/api/sms/gateway' }),
  },
};
