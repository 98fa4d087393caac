import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';

describe('SMS gateway configuration', () => {
  it('without KANNEL_SENDSMS_URL, SMS is in development mode', () => {
    expect(loadConfig({}).kannel).toBeNull();
  });

  it('reads the sendsms address, user, sender and concurrency', () => {
    const config = loadConfig({
      KANNEL_SENDSMS_URL: 'http://127.0.0.1:13013/cgi-bin/sendsms',
      KANNEL_USER: 'regulars',
      KANNEL_PASSWORD: 'secret',
      SMS_FROM: '0800123456',
      KANNEL_CONCURRENCY: '4',
    });
    expect(config.kannel).toEqual({
      sendsmsUrl: 'http://127.0.0.1:13013/cgi-bin/sendsms',
      user: 'regulars',
      password: 'secret',
      from: '0800123456',
      concurrency: 4,
    });
    expect(loadConfig({ ...env(), SMS_FROM: '' }).kannel).toMatchObject({
      from: null,
      concurrency: 16,
    });
  });

  it('says what is missing or wrong', () => {
    expect(() => loadConfig({ ...env(), KANNEL_PASSWORD: '' })).toThrow(
      'KANNEL_SENDSMS_URL is set: set KANNEL_USER and KANNEL_PASSWORD too',
    );
    expect(() => loadConfig({ ...env(), KANNEL_SENDSMS_URL: 'localhost:13013' })).toThrow(
      /KANNEL_SENDSMS_URL must be an http\(s\) URL/,
    );
    expect(() => loadConfig({ ...env(), KANNEL_CONCURRENCY: 'many' })).toThrow(
      'KANNEL_CONCURRENCY must be a whole number',
    );
  });
});

function env() {
  return {
    KANNEL_SENDSMS_URL: 'http://127.0.0.1:13013/cgi-bin/sendsms',
    KANNEL_USER: 'regulars',
    KANNEL_PASSWORD: 'secret',
  };
}
