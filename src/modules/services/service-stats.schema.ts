// Response schema of the published statistics (办事统计) and 好差评 results, as the console reads them.
import { type Static, Type } from '@fastify/type-provider-typebox';

const Row = {
  received: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  completed: Type.Integer(),
  onTime: Type.Integer(),
  workingDays: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  averageDays: Type.Union([Type.Number(), Type.Null()]),
};

export const StatsView = Type.Object({
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  months: Type.Array(Type.String()),
  byMonth: Type.Array(Type.Object({ month: Type.String(), ...Row })),
  byDepartment: Type.Array(Type.Object({ departmentId: Type.Integer(), departmentName: Type.String(), ...Row })),
  byItem: Type.Array(
    Type.Object({ itemId: Type.Integer(), itemName: Type.String(), departmentName: Type.String(), ...Row }),
  ),
  total: Type.Object(Row),
  ratings: Type.Array(
    Type.Object({
      month: Type.String(),
      levels: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), count: Type.Integer() })),
      total: Type.Integer(),
      bad: Type.Integer(),
      rectified: Type.Integer(),
      revisited: Type.Integer(),
      satisfaction: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});
export type StatsView = Static<typeof StatsView>;
