// The address a run, schedule or finding is kept under: an http(s) URL without its fragment, so the same site
// written two ways is one target.
import { AppError } from '../../platform/errors.ts';

export function normalTargetUrl(url: string): string {
  const u = new URL(url);
  if (!/^https?:$/.test(u.protocol)) throw new AppError('INSPECTION_URL_SCHEME');
  u.hash = '';
  return u.toString();
}
