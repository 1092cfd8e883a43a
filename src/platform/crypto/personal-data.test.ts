import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  PersonalDataCipher,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseEmail,
  normalisePhone,
  validChineseId,
} from './personal-data.ts';

test('SM4 round trip with a random IV, tamper detection, keyed look-up hashes', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const a = cipher.encrypt('13800138000');
  const b = cipher.encrypt('13800138000');
  assert.notEqual(a, b, 'a fresh IV each time');
  assert.equal(cipher.decrypt(a), '13800138000');
  assert.ok(!a.includes('138001'));
  const [v, iv, body, tag] = a.split('.');
  const flipped = `${v}.${iv}.${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}.${tag}`;
  assert.throws(() => cipher.decrypt(flipped), /integrity/);
  assert.throws(() => new PersonalDataCipher(randomBytes(32)).decrypt(a), /integrity/, 'another key cannot read it');
  assert.equal(cipher.lookupHash('sms', '13800138000'), cipher.lookupHash('sms', '13800138000'));
  assert.notEqual(cipher.lookupHash('sms', '13800138000'), cipher.lookupHash('id', '13800138000'));
  assert.notEqual(
    cipher.lookupHash('sms', '13800138000'),
    new PersonalDataCipher(randomBytes(32)).lookupHash('sms', '13800138000'),
  );
});

test('normalising and masking what staff and citizens see', () => {
  assert.equal(normalisePhone('+86 138-0013-8000'), '13800138000');
  assert.equal(normalisePhone('0086 19912345678'), '19912345678');
  assert.equal(normalisePhone('12345678901'), null);
  assert.equal(normaliseEmail(' Wang.XM@Example.COM '), 'wang.xm@example.com');
  assert.equal(normaliseEmail('not-an-address'), null);
  assert.equal(maskPhone('13800138000'), '138****8000');
  assert.equal(maskEmail('wang.xm@example.com'), 'w***@example.com');
  assert.equal(maskIdNumber('11010519491231002X'), '110***********002X');
  assert.equal(maskName('欧阳修'), '欧**');
  assert.equal(validChineseId('11010519491231002X'), true);
  assert.equal(validChineseId('110105194912310021'), false);
});
