// The signed-in staff member as the console sees them: name, department, roles, what they may do.
import { capabilitiesOf } from '../../platform/auth/roles.ts';
import { grantView } from '../users/users.presenter.ts';
import type { MeResponse } from '../users/users.schema.ts';
import type { AuthContext } from './auth.service.ts';

export function toMeResponse(a: AuthContext, departmentName: string | null): MeResponse {
  return {
    user: {
      id: a.userId,
      username: a.username,
      displayName: a.displayName,
      departmentId: a.departmentId,
      departmentName,
      roles: a.grants.map(grantView),
      capabilities: capabilitiesOf(a.grants),
      mustChangePassword: a.mustChangePassword,
      passwordExpired: a.passwordExpired,
    },
    csrfToken: a.csrfToken,
  };
}
