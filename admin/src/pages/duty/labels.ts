// Colours and order of the duty statuses of 附件1 (栏目更新).
import type { DutyStatus } from '../../../../src/modules/duty/duty.schema.ts';

export const DUTY_COLORS: Record<DutyStatus, string> = {
  正常: 'success',
  即将到期: 'warning',
  已超期: 'error',
  空白: 'default',
};

/** Chart and card colours of the duty statuses (AA contrast against white for the numbers). */
export const DUTY_HEX: Record<DutyStatus, string> = {
  正常: '#2f7d0b',
  即将到期: '#ad6800',
  已超期: '#c9252c',
  空白: '#595959',
};

export const DUTY_ORDER: DutyStatus[] = ['正常', '即将到期', '已超期', '空白'];
