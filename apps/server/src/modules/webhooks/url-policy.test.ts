import { describe, expect, it } from 'vitest';
import { isForbiddenAddress } from './url-policy';

describe('addresses a webhook may not reach', () => {
  it('are link-local and metadata addresses in any spelling, not loopback or private ones', () => {
    for (const a of ['169.254.169.254', '169.254.0.1', '0.0.0.0', 'fe80::1', '[fe80::abcd]'])
      expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of ['::ffff:169.254.169.254', '::ffff:a9fe:a9fe', 'fd00:ec2::254', '::'])
      expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.8', '192.168.1.20', '8.8.8.8', '::1', 'example.com'])
      expect(isForbiddenAddress(a), a).toBe(false);
  });
});
