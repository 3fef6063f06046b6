import type { MessageKey, T } from './i18n/index.ts';
import type { NavigationArea, NavigationScope } from './module.ts';
import { registeredModules } from './registry.ts';

/*
 * The links of the header, of "Mein Konto" and of the two admin areas, gathered from the registered
 * modules' `navigation` entries (decision 006): a module brings its own links, nothing here names one.
 */

export interface NavigationLink {
  label: MessageKey;
  href: string;
}

/** Who sees an entry that says nothing about it: whoever can reach its area. */
const REACHES_AREA: Record<NavigationArea, (scope: NavigationScope) => boolean> = {
  main: () => true,
  account: (scope) => scope.signedIn,
  'network-admin': (scope) => scope.canAdminister && scope.networkSlug !== undefined,
  'platform-admin': (scope) => scope.isPlatformAdmin,
};

/** An entry without an order goes after those with one. */
const LAST = 1_000;

/** The visible links of one area in this scope: by order, then in the module list's order. */
export function navigationLinks(area: NavigationArea, scope: NavigationScope): NavigationLink[] {
  const found: Array<NavigationLink & { order: number }> = [];
  for (const module of registeredModules()) {
    for (const entry of module.navigation ?? []) {
      if (entry.area !== area) continue;
      if (!(entry.visible ?? REACHES_AREA[area])(scope)) continue;
      const href = entry.href(scope);
      if (href !== null) found.push({ label: entry.label, href, order: entry.order ?? LAST });
    }
  }
  // Array.prototype.sort is stable, so equal orders keep the module list's order.
  return found.sort((a, b) => a.order - b.order).map(({ label, href }) => ({ label, href }));
}

/** The address of a page in a network's admin area. */
export function adminPath(slug: string, path = ''): string {
  return `/netzwerk/${slug}/verwaltung${path}`;
}

/** A small navigation of an area; the current page is marked for screen readers too. */
export function AreaNav({ label, links, current, t }: { label: string; links: NavigationLink[]; current: string; t: T }) {
  return (
    <nav class="admin-nav" aria-label={label}>
      <ul class="nav-list">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} aria-current={link.href === current ? 'page' : undefined}>
              {t(link.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The scope of a page in a network's admin area: the admin checks before it decided who may see it. */
export function networkAdminScope(slug: string): NavigationScope {
  return { networkSlug: slug, signedIn: true, canAdminister: true, isPlatformAdmin: false };
}

/** The scope of "Mein Konto": a signed-in person's own page, in no network. */
export function accountScope(isPlatformAdmin: boolean): NavigationScope {
  return { signedIn: true, canAdminister: false, isPlatformAdmin };
}

export const PLATFORM_ADMIN_SCOPE: NavigationScope = { signedIn: true, canAdminister: false, isPlatformAdmin: true };

/** The navigation of a network's admin area; `current` is the page's path below /netzwerk/<slug>/verwaltung. */
export function AdminNav({ t, slug, current }: { t: T; slug: string; current: string }) {
  return (
    <AreaNav
      t={t}
      label={t('layout.adminNav')}
      links={navigationLinks('network-admin', networkAdminScope(slug))}
      current={adminPath(slug, current)}
    />
  );
}

/** The navigation of the operator's area; `current` is the page's address. */
export function PlatformNav({ t, current }: { t: T; current: string }) {
  return <AreaNav t={t} label={t('layout.platformNav')} links={navigationLinks('platform-admin', PLATFORM_ADMIN_SCOPE)} current={current} />;
}
