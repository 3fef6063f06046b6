import { describe, expect, it } from 'vitest';
import { redactUrl } from './log.ts';

describe('redactUrl', () => {
  it('removes secrets from token links and access parameters', () => {
    expect(redactUrl('/bestaetigen/abcDEF123_-')).toBe('/bestaetigen/[redacted]');
    expect(redactUrl('/passwort-neu/s3cret')).toBe('/passwort-neu/[redacted]');
    expect(redactUrl('/anmeldelink/s3cret')).toBe('/anmeldelink/[redacted]');
    expect(redactUrl('/email-zuruecksetzen/s3cret')).toBe('/email-zuruecksetzen/[redacted]');
    expect(redactUrl('/einladung/s3cret')).toBe('/einladung/[redacted]');
    expect(redactUrl('/organisationen/einladung/s3cret')).toBe('/organisationen/einladung/[redacted]');
    expect(redactUrl('/anmelden?weiter=%2Forganisationen%2Feinladung%2Fs3cret')).toBe('/anmelden?weiter=[redacted]');
    expect(redactUrl('/vermittlungen/bestaetigen/s3cret')).toBe('/vermittlungen/bestaetigen/[redacted]');
    expect(redactUrl('/vermittlungen/8f1c?zugang=s3cret&x=1')).toBe('/vermittlungen/8f1c?zugang=[redacted]&x=1');
  });

  it('keeps ordinary URLs as they are', () => {
    expect(redactUrl('/angebote?q=Hausaufgaben&umkreis=10')).toBe('/angebote?q=Hausaufgaben&umkreis=10');
    expect(redactUrl('/anmeldelink')).toBe('/anmeldelink');
  });
});
