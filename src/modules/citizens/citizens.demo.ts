// The demo site's public accounts: one demo citizen (phone and e-mail, listed in the README) registered a year
// ago, and a few more citizens so the support staff's account page has something to search.
import type { AppContext } from '../../context.ts';
import { DAY } from '../../platform/time.ts';

export const DEMO_CITIZEN = {
  phone: '13900001234',
  email: 'demo.citizen@example.com',
  password: 'Demo-Citizen-2026!',
  displayName: '演示市民',
};

const OTHERS = [
  { phone: '13700002345', displayName: '李女士', daysAgo: 300 },
  { phone: '18600003456', displayName: '外地来宁创业者', daysAgo: 200 },
  { phone: '19900004567', displayName: '新疆来访用户', daysAgo: 120 },
  { email: 'zhang.gongsi@example.com', displayName: '张先生', daysAgo: 45 },
];

export async function seedDemoCitizens(ctx: AppContext): Promise<{ demoCitizenId: number }> {
  const now = ctx.clock.now().getTime();
  const demoCitizenId = await ctx.citizens.accounts.createVerifiedAccount({
    ...DEMO_CITIZEN,
    at: new Date(now - 360 * DAY).toISOString(),
  });
  for (const o of OTHERS)
    await ctx.citizens.accounts.createVerifiedAccount({
      ...o,
      password: DEMO_CITIZEN.password,
      at: new Date(now - o.daysAgo * DAY).toISOString(),
    });
  return { demoCitizenId };
}
