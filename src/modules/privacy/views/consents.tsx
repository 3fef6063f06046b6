import { formatDateTime, type Locale, type MessageKey, type T } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { purposeLabel } from '../purposes.ts';
import type { ConsentRow } from '../queries.ts';

interface ConsentsPageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  rows: readonly ConsentRow[];
  notice?: 'withdrawn' | 'notFound' | undefined;
}

export function ConsentsPage({ t, locale, csrfToken, rows, notice }: ConsentsPageProps) {
  const purpose = (row: ConsentRow) => {
    const key = purposeLabel(row.purpose);
    return key ? t(key) : row.purpose;
  };
  const network = (row: ConsentRow) => row.networkName ?? t('privacy.consents.allNetworks');
  const how = (row: ConsentRow) => t(`privacy.method.${row.method}` as MessageKey);
  const active = rows.filter((row) => !row.withdrawnAt);
  const history = rows.filter((row) => row.withdrawnAt);
  return (
    <>
      <h1>{t('privacy.consents.title')}</h1>
      <p>{t('privacy.consents.intro')}</p>
      {notice === 'withdrawn' && <Notice kind="success">{t('privacy.consents.withdrawnNotice')}</Notice>}
      {notice === 'notFound' && <Notice>{t('privacy.consents.notFound')}</Notice>}
      {active.length === 0 ? (
        <EmptyState>{t('privacy.consents.none')}</EmptyState>
      ) : (
        <DataTable
          id="einwilligungen"
          caption={t('privacy.consents.activeCaption')}
          rows={active}
          rowKey={(row) => row.id}
          columns={[
            { label: t('privacy.consents.purpose'), rowHeader: true, cell: purpose },
            { label: t('privacy.consents.network'), cell: network },
            { label: t('privacy.consents.given'), cell: (row) => formatDateTime(locale, row.givenAt) },
            { label: t('privacy.consents.how'), cell: how },
            { label: t('privacy.consents.version'), cell: (row) => row.version },
            {
              label: t('privacy.consents.action'),
              cell: (row) => (
                <form method="post" action={`/konto/einwilligungen/${row.id}/widerrufen`}>
                  <CsrfField token={csrfToken} />
                  <button type="submit" aria-label={t('privacy.consents.withdrawLabel', { purpose: purpose(row) })}>
                    {t('privacy.consents.withdraw')}
                  </button>
                </form>
              ),
            },
          ]}
        />
      )}
      {history.length > 0 && (
        <DataTable
          id="einwilligungen-frueher"
          caption={t('privacy.consents.historyCaption')}
          rows={history}
          rowKey={(row) => row.id}
          columns={[
            { label: t('privacy.consents.purpose'), rowHeader: true, cell: purpose },
            { label: t('privacy.consents.network'), cell: network },
            { label: t('privacy.consents.given'), cell: (row) => formatDateTime(locale, row.givenAt) },
            { label: t('privacy.consents.how'), cell: how },
            { label: t('privacy.consents.withdrawn'), cell: (row) => (row.withdrawnAt ? formatDateTime(locale, row.withdrawnAt) : '') },
          ]}
        />
      )}
    </>
  );
}
