/** Intake fields found in a letter's text: the INN (with its check digits) and a phone number. */
import { describe, expect, it } from 'vitest';
import { extractedFields, findInn, findPhone, isValidInn, ownText } from '../../server/src/intake/mail.fields.js';

describe('isValidInn', () => {
  it.each(['7707083893', '7830002293', '500100732259'])('%s is valid', (inn) => {
    expect(isValidInn(inn)).toBe(true);
  });

  it.each([
    ['7707083894', 'a wrong check digit (10)'],
    ['5401234567', 'a wrong check digit (10)'],
    ['500100732258', 'a wrong second check digit (12)'],
    ['500100732269', 'a wrong first check digit (12)'],
    ['770708389', 'nine digits'],
    ['77070838930', 'eleven digits'],
    ['77070838a3', 'a letter'],
    ['', 'empty'],
  ])('%s is not (%s)', (inn) => {
    expect(isValidInn(inn)).toBe(false);
  });
});

describe('findInn', () => {
  it('takes the first run of 10 or 12 digits with a valid check', () => {
    expect(findInn('ИНН 7707083894, верный: ИНН 7707083893')).toBe('7707083893');
    expect(findInn('ИНН/КПП 7830002293/783001001')).toBe('7830002293');
    expect(findInn('ИП, ИНН 500100732259.')).toBe('500100732259');
  });

  it('does not take part of a longer number', () => {
    expect(findInn('Ticket#77070838931234')).toBeNull();
    expect(findInn('счёт 407077070838930')).toBeNull();
    expect(findInn('нет номера')).toBeNull();
  });
});

describe('findPhone', () => {
  it.each([
    ['+7 (383) 200-00-00', '+73832000000'],
    ['+7 383 200 00 00', '+73832000000'],
    ['8 (913) 123-45-67', '+79131234567'],
    ['8-913-123-45-67', '+79131234567'],
    ['+79131234567', '+79131234567'],
    ['тел.: 8(3822)12-34-5 нет; моб. 89131234567.', '+79131234567'],
  ])('%s → %s', (text, phone) => {
    expect(findPhone(text)).toBe(phone);
  });

  it.each(['7707083893', '+1 202 555 0100', '8 913 123 45', '189131234567'])('%s has none', (text) => {
    expect(findPhone(text)).toBeNull();
  });
});

describe('extractedFields', () => {
  it('fills inn and phone only when absent', () => {
    const text = 'ИНН 7707083893, телефон +7 (383) 200-00-00';
    expect(extractedFields(text, {})).toEqual({ inn: '7707083893', phone: '+73832000000' });
    expect(extractedFields(text, { inn: '500100732259', phone: '112' })).toEqual({});
    expect(extractedFields('Просто текст', {})).toEqual({});
  });
});

describe('numbers as Russian letters write them', () => {
  it.each([
    ['8 (3822) 53-12-07', '+73822531207'],
    ['тел.: 8 (35253) 6-12-34', '+73525361234'],
    ['+7 (3822) 71 25 04', '+73822712504'],
    ['+7 (495) 135-4-135', '+74951354135'],
    ['8-913-123-45-67 доб. 12', '+79131234567'],
  ])('%s is the phone %s, whatever the length of its area code', (text, phone) => {
    expect(findPhone(text)).toBe(phone);
  });

  it('takes the INN the label names, not a budget code that passes the check by chance', () => {
    // 9900000000 is a valid INN by its check digit, and here part of a КБК.
    expect(isValidInn('9900000000')).toBe(true);
    expect(findInn('КБК 901 0113 9900000000 244\nИНН 7017025535')).toBe('7017025535');
    expect(findInn('КБК 901 0113 9900000000 244')).toBeNull();
    expect(findInn('ИНН/КПП 7707083893/770701001')).toBe('7707083893');
  });

  it('reads only what the sender wrote, not the letter they quote', () => {
    const reply = [
      'Спасибо, всё заработало.',
      '',
      '-----Original Message-----',
      'From: Поддержка <gz54@krista.ru>',
      'Телефон поддержки 8-800-200-20-72',
    ].join('\n');
    expect(ownText(reply)).toBe('Спасибо, всё заработало.\n');
    expect(extractedFields(reply, {})).toEqual({});
    expect(ownText('Да, так.\n> ИНН 7707083893\n\n23.11.2026, Поддержка писал(а):\n> текст')).toBe('Да, так.\n');
  });
});
