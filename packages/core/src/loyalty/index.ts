export { localDay } from './local-time';
export { periodStart, pointsExpiry, type ExpiryPolicy, type ExpirySettings } from './points-expiry';
