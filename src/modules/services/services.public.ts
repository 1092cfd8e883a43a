// What the public service pages show, loaded from the catalogue and the published guides: only items in use,
// only published guides and themes, policy documents with their public summary.
import type { ServiceItemRow } from './services.tables.ts';
import type { ServicesModule } from './services.module.ts';
import type { PublishedGuide } from './guides.service.ts';
import type { ThemeView } from './catalogue.schema.ts';
import { parseList } from './catalogue.presenter.ts';
import { type ItemKind, kindOfType } from './service-types.ts';
import { materialKey } from './applications.service.ts';
import type { GuideMaterial } from './guide.ts';

export interface PublicItem {
  id: number;
  code: string;
  name: string;
  type: string;
  kind: ItemKind;
  audiences: string[];
  theme: string;
  departmentId: number;
  departmentName: string;
  events: string[];
  keywords: string[];
  updatedAt: string;
  guide: PublishedGuide | null;
}

export interface PolicyLink {
  id: number;
  title: string;
  url: string;
  summary: string;
  docNumber: string | null;
}

export interface PublicCatalogue {
  items: PublicItem[];
  themes: ThemeView[];
  departments: { id: number; name: string }[];
}

export async function publicCatalogue(services: ServicesModule, siteId: number): Promise<PublicCatalogue> {
  const rows = await services.catalogue.itemsOfSite(siteId);
  const names = await services.catalogue.departmentNames(siteId);
  const guides = new Map((await services.guides.published(siteId)).map((g) => [g.itemId, g]));
  const items = rows.map((r) => toPublicItem(r, names.get(r.department_id) ?? '', guides.get(r.id) ?? null));
  const used = new Set(items.map((i) => i.departmentId));
  return {
    items,
    themes: await services.catalogue.themes(siteId, true),
    departments: [...names].filter(([id]) => used.has(id)).map(([id, name]) => ({ id, name })),
  };
}

export function toPublicItem(r: ServiceItemRow, departmentName: string, guide: PublishedGuide | null): PublicItem {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    type: r.item_type,
    kind: kindOfType(r.item_type),
    audiences: parseList(r.audiences),
    theme: r.theme,
    departmentId: r.department_id,
    departmentName,
    events: parseList(r.events),
    keywords: parseList(r.keywords),
    updatedAt: r.updated_at,
    guide,
  };
}

/** The policy documents a guide links to, with their public summary (the guide page shows their content). */
export async function policyLinks(
  services: ServicesModule,
  siteId: number,
  guide: PublishedGuide | null,
): Promise<Map<number, PolicyLink>> {
  if (!guide) return new Map();
  const library = await services.guides.policies(siteId);
  const wanted = new Set(guide.data.basis.map((b) => b.documentId).filter((id): id is number => id !== null));
  return new Map(
    library
      .filter((p) => wanted.has(p.id))
      .map((p) => [p.id, { id: p.id, title: p.title, url: p.url, summary: p.summary, docNumber: p.docNumber }]),
  );
}

export async function guideFiles(services: ServicesModule, guide: PublishedGuide | null) {
  if (!guide) return new Map<number, { id: number; original_name: string; size: number }>();
  const ids = guide.data.materials
    .flatMap((m) => [m.blankFileId, m.sampleFileId])
    .filter((x): x is number => x !== null);
  return new Map((await services.catalogue.files(ids)).map((f) => [f.id, f]));
}

/** A theme's items (with their guides) and its merged, deduplicated materials. */
export function mergedMaterials(items: PublicItem[]) {
  const merged = new Map<string, { material: GuideMaterial; items: string[] }>();
  for (const item of items)
    for (const m of item.guide?.data.materials ?? []) {
      const key = materialKey(m.name);
      const seen = merged.get(key);
      if (seen) {
        seen.items.push(item.name);
        seen.material = { ...seen.material, required: seen.material.required || m.required };
      } else merged.set(key, { material: m, items: [item.name] });
    }
  return [...merged.values()];
}
