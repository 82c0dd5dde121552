import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, validateCreditCode } from './credit-code.ts';

describe('unified social credit codes (GB 32100-2015)', () => {
  it.each([
    // commonly cited examples
    ['91350100M000100Y43', 'an enterprise registered in Fuzhou'],
    ['91110000600037341L', 'an enterprise registered in Beijing'],
    // check characters computed with creditCodeCheckChar and checked by hand
    ['91440300MA5F8K2Q1M', 'an enterprise in Shenzhen'],
    ['92310115MA1K3B7L29', 'an individual business in Shanghai'],
    ['93510182MA62Q7X88G', 'a farmers’ cooperative'],
    ['52110000500021676T', 'a private non-enterprise unit'],
    ['12100000400000770U', 'a public institution at national level'],
    ['Y1330100MA2H0D1P6W', 'an organisation of the "other" authority'],
    ['N2420102MA4K1B2C3D', 'a village collective'],
  ])('%s is valid (%s)', (code) => {
    expect(validateCreditCode(code)).toMatchObject({ valid: true, normalised: code });
  });

  it('normalises what people type around a code', () => {
    expect(validateCreditCode(' 9135 0100-m000 100y43 ')).toMatchObject({
      valid: true,
      normalised: '91350100M000100Y43',
    });
    expect(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ valid: true });
  });

  it('returns the parts of a valid code', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({
      valid: true,
      normalised: '91350100M000100Y43',
      authority: '9',
      orgType: '1',
      region: '350100',
      subject: 'M000100Y4',
    });
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['91350100M000100Y4', 'LENGTH'],
    ['91350100M000100Y433', 'LENGTH'],
    ['91350100M000100O43', 'CHARSET'], // letter O is not in the alphabet
    ['91350100M000100I43', 'CHARSET'],
    ['913501000S0100Y43X', 'CHARSET'],
    ['B1350100M000100Y43', 'AUTHORITY'],
    ['94350100M000100Y43', 'ORG_TYPE'], // 工商 issues only 1, 2, 3
    ['Y2350100M000100Y43', 'ORG_TYPE'],
    ['9135A100M000100Y43', 'REGION'],
    ['91350100M000100Y44', 'CHECKSUM'],
    ['91350100M000100Y34', 'CHECKSUM'], // two characters swapped
    ['91350200M000100Y43', 'CHECKSUM'],
  ])('%j is invalid: %s', (code, reason) => {
    expect(validateCreditCode(code)).toEqual({ valid: false, reason });
  });

  it('computes a check character that can be 0 (sum divisible by 31)', () => {
    // Search a small range for a body whose weighted sum is a multiple of 31.
    let found = '';
    for (let n = 0; n < 1000 && !found; n++) {
      const body = `91440300MA5F${String(n).padStart(5, '0')}`;
      if (creditCodeCheckChar(body) === '0') found = body + '0';
    }
    expect(found).not.toBe('');
    expect(validateCreditCode(found)).toMatchObject({ valid: true });
  });
});
