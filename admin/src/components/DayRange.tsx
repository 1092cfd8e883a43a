// Picking calendar days (Asia/Shanghai): a range picker whose days go to the API as `yyyy-MM-dd` (time.ts
// dayRange). In a filter either end may stay open; a report can offer the usual periods up to today.
import { DatePicker } from 'antd';
import type { TimeRangePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { shanghaiToday } from '../time';

export type DayRangeValue = [Dayjs | null, Dayjs | null] | null;

/** A filter's 日期范围: both ends optional (a form control: Form.Item passes value/onChange). */
export function DayRangeFilter(props: {
  id?: string;
  value?: DayRangeValue;
  onChange?: (value: DayRangeValue) => void;
}) {
  return <DatePicker.RangePicker {...props} allowEmpty={[true, true]} />;
}

/** Today in Asia/Shanghai as a picker value, whatever the browser's zone. */
export const todayPicker = (): Dayjs => dayjs(shanghaiToday());

function presets(today: Dayjs): TimeRangePickerProps['presets'] {
  const lastMonth = today.subtract(1, 'month');
  const lastYear = today.subtract(1, 'year');
  return [
    { label: '最近 7 天', value: [today.subtract(6, 'day'), today] },
    { label: '最近 30 天', value: [today.subtract(29, 'day'), today] },
    { label: '本月', value: [today.startOf('month'), today] },
    { label: '上月', value: [lastMonth.startOf('month'), lastMonth.endOf('month')] },
    { label: '今年', value: [today.startOf('year'), today] },
    { label: '去年', value: [lastYear.startOf('year'), lastYear.endOf('year')] },
  ];
}

/** A report's period: both ends required, no day after `today`, the usual periods offered. */
export function ReportDayRange({
  id,
  label,
  today,
  value,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  today: Dayjs;
  value: [Dayjs, Dayjs];
  onChange: (value: [Dayjs, Dayjs]) => void;
  testId?: string;
}) {
  return (
    <DatePicker.RangePicker
      id={{ start: id }}
      aria-label={label}
      value={value}
      allowClear={false}
      presets={presets(today)}
      disabledDate={(d) => d.isAfter(today, 'day')}
      onChange={(range) => {
        if (range?.[0] && range[1]) onChange([range[0], range[1]]);
      }}
      data-testid={testId}
    />
  );
}
