// 网民监督: the 找错 messages (local reports and those imported from the national 我为政府网站找错 platform) are
// tickets of the interaction module. This is the interface that module implements; until it is wired in, the
// handling rules (办结 within a month, reply within 3 working days, the on-time rate) are 未检测 with this reason.
import { oneMonthAfter } from './deadlines.ts';

export interface ErrorReportTicket {
  id: string;
  /** 'local': reported on our own site; 'national': imported from the national platform. */
  source: 'local' | 'national';
  /** The supervised site's 网站标识码 the message is about. */
  siteCode: string | null;
  receivedAt: string;
  firstReplyAt: string | null;
  closedAt: string | null;
}

export interface ErrorReportQuery {
  siteCodes: readonly string[];
  /** ISO UTC, inclusive. */
  from: string;
  /** ISO UTC, exclusive. */
  to: string;
}

/** Implemented by the interaction module: the 找错 tickets of the supervised sites. */
export interface ErrorReportSource {
  readonly name: string;
  tickets(query: ErrorReportQuery): Promise<ErrorReportTicket[]>;
}

export const ERROR_REPORTS_PENDING =
  '找错留言工单（本站留言与全国政府网站找错平台导入的留言）由互动交流模块提供，该模块尚未接入，留言办理情况未检测';

export interface ErrorReportStats {
  received: number;
  closed: number;
  /** Not closed (by now). */
  open: ErrorReportTicket[];
  /** Closed, but more than a month after arrival. */
  late: ErrorReportTicket[];
  /** Closed within a month, as a share of all received (1 when none was received). */
  onTimeRate: number;
}

/** 找错留言: 未办结 and 超过一个月办结 are counted one by one; 按期办结率 is on time out of all received. */
export function errorReportStats(tickets: readonly ErrorReportTicket[]): ErrorReportStats {
  const open = tickets.filter((t) => t.closedAt === null);
  const late = tickets.filter((t) => t.closedAt !== null && t.closedAt > oneMonthAfter(t.receivedAt));
  const onTime = tickets.length - open.length - late.length;
  return {
    received: tickets.length,
    closed: tickets.length - open.length,
    open,
    late,
    onTimeRate: tickets.length === 0 ? 1 : onTime / tickets.length,
  };
}
