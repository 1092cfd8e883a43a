// The admin console's time helpers (admin/src/format.ts) under browser zones other than Asia/Shanghai: what
// staff pick is Shanghai wall-clock time, and what is sent is the matching UTC instant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, fromShanghaiPicker, shanghaiPickerValue } from '../admin/src/format.ts';

for (const zone of ['America/New_York', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai']) {
  test(`scheduled times are Asia/Shanghai wall-clock time in a browser set to ${zone}`, () => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      // A time stored as UTC shows in the picker as its Shanghai time, and goes back unchanged.
      const picked = shanghaiPickerValue('2026-11-28T01:30:00.000Z')!;
      assert.equal(picked.format('YYYY-MM-DD HH:mm'), '2026-11-28 09:30');
      assert.equal(fromShanghaiPicker(picked), '2026-11-28T01:30:00.000Z');
      // 2027-01-01 00:00 picked (the picker's own fields) is 2026-12-31 16:00 UTC.
      const newYear = picked.year(2027).month(0).date(1).hour(0).minute(0).second(0);
      assert.equal(fromShanghaiPicker(newYear), '2026-12-31T16:00:00.000Z');
      assert.equal(formatDateTime(fromShanghaiPicker(newYear)), '2027-01-01 00:00:00', 'shown back as entered');
      assert.equal(shanghaiPickerValue(null), null);
    } finally {
      process.env.TZ = saved;
    }
  });
}
