import type { MessageKey, T } from '../../../platform/i18n/index.ts';

export type PlatformSection = 'networks' | 'outbox' | 'jobs' | 'backup';

const PLATFORM_SECTIONS: ReadonlyArray<{ section: PlatformSection; href: string; label: MessageKey }> = [
  { section: 'networks', href: '/verwaltung', label: 'operations.platform.networks' },
  { section: 'outbox', href: '/verwaltung/postausgang', label: 'operations.platform.outbox' },
  { section: 'jobs', href: '/verwaltung/auftraege', label: 'operations.platform.jobs' },
  { section: 'backup', href: '/verwaltung/sicherung', label: 'operations.platform.backup' },
];

export function PlatformNav({ t, current }: { t: T; current: PlatformSection }) {
  return (
    <nav class="admin-nav" aria-label={t('operations.platform.nav')}>
      <ul class="nav-list">
        {PLATFORM_SECTIONS.map((s) => (
          <li key={s.section}>
            <a href={s.href} aria-current={s.section === current ? 'page' : undefined}>
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
