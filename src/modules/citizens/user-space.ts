// The user space (用户空间) at /user/: one page where a signed-in citizen finds everything they did on the site.
// Modules add a section each (my messages, my applications, my surveys, my 依申请公开 requests …) by registering
// it here; a section lists the citizen's records with their state and deadline, or shows its empty state.
// Sections registered by this module for features still to come are placeholders the owning module replaces by
// registering the same id.

export interface UserSpaceEntry {
  title: string;
  /** Where the citizen follows it (a page of the owning module). */
  href?: string;
  /** 已受理, 办理中, 已答复 … */
  status?: string;
  /** ISO time it was submitted. */
  submittedAt?: string;
  /** A statutory or promised deadline, from the calendar. */
  deadline?: { due: string | null; overdue: boolean; estimated: boolean; paused?: boolean };
  /** One more line: the tracking number, the reply's date … */
  detail?: string;
}

export interface UserSpaceSection {
  /** Stable id: messages, applications, surveys, disclosure … */
  id: string;
  title: string;
  /** Sections are shown in this order (ascending). */
  order: number;
  emptyText: string;
  /** An action next to the title, e.g. 我要留言. */
  action?: { label: string; href: string };
  /** The citizen's records, newest first. */
  load(citizenId: number): Promise<UserSpaceEntry[]>;
  /** A placeholder for a feature that is not available yet. */
  placeholder?: boolean;
}

export interface RenderedSection {
  id: string;
  title: string;
  emptyText: string;
  action?: { label: string; href: string };
  entries: UserSpaceEntry[];
  placeholder: boolean;
}

export class UserSpace {
  private readonly sections = new Map<string, UserSpaceSection>();

  /** Adds a section, or replaces the one with the same id (a placeholder). */
  register(section: UserSpaceSection): void {
    this.sections.set(section.id, section);
  }

  list(): UserSpaceSection[] {
    return [...this.sections.values()].sort((a, b) => a.order - b.order);
  }

  /** Every section with the citizen's records; a section that fails shows empty rather than breaking the page. */
  async render(citizenId: number, onError?: (id: string, error: unknown) => void): Promise<RenderedSection[]> {
    return Promise.all(
      this.list().map(async (s) => {
        let entries: UserSpaceEntry[] = [];
        try {
          entries = await s.load(citizenId);
        } catch (error) {
          onError?.(s.id, error);
        }
        return {
          id: s.id,
          title: s.title,
          emptyText: s.emptyText,
          action: s.action,
          entries,
          placeholder: Boolean(s.placeholder),
        };
      }),
    );
  }
}

const none = async () => [];

/** The sections every citizen-facing feature will fill: registered now so the user space shows them all. */
export const PLACEHOLDER_SECTIONS: UserSpaceSection[] = [
  {
    id: 'messages',
    title: '我的留言',
    order: 10,
    emptyText: '您还没有提交过咨询、建议或投诉。',
    load: none,
    placeholder: true,
  },
  {
    id: 'applications',
    title: '我的办件',
    order: 20,
    emptyText: '您还没有在线申请办理的事项。',
    load: none,
    placeholder: true,
  },
  {
    id: 'surveys',
    title: '我参与的调查与征集',
    order: 30,
    emptyText: '您还没有参与公众调查或意见征集。',
    load: none,
    placeholder: true,
  },
  {
    id: 'disclosure',
    title: '我的依申请公开',
    order: 40,
    emptyText: '您还没有提交政府信息公开申请。',
    load: none,
    placeholder: true,
  },
];

/** An interactive feature of the site and how citizens sign in to it (统一登录, 一号登录 are judged on these). */
export interface InteractiveFeature {
  id: string;
  name: string;
  /** A public page of the feature, for evidence. */
  path: string;
  /** Signs citizens in with the one public account (citizenGuard). */
  usesPublicAccount: boolean;
}
