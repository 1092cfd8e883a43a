import { Type, type Static } from '@fastify/type-provider-typebox';

const whole = (description: string) => Type.Integer({ description });

/** The password and session policy the security administrator sets (limits: platform/auth/policy.ts). */
export const SecurityPolicySchema = Type.Object(
  {
    passwordMinLength: whole('密码最短长度'),
    passwordClasses: whole('密码须包含的字符类别数（小写、大写、数字、符号）'),
    passwordHistory: whole('新密码不得与最近几次的密码相同'),
    passwordMaxAgeDays: whole('密码有效天数（0 为不过期）'),
    maxFailedLogins: whole('连续登录失败几次锁定账号'),
    lockMinutes: whole('锁定时长（分钟）'),
    maxFailuresPerIp: whole('同一 IP 在锁定时长内的登录失败上限'),
    sessionIdleMinutes: whole('会话空闲超时（分钟）'),
    sessionAbsoluteHours: whole('会话最长时长（小时）'),
  },
  { additionalProperties: false },
);
export type SecurityPolicyView = Static<typeof SecurityPolicySchema>;
