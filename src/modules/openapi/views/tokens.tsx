import type { FieldErrors } from '../../../platform/http/forms.ts';
import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { ApiTokenListItem } from '../queries.ts';
import { API_SCOPES } from '../schema.ts';

interface Props {
  t: T;
  locale: Locale;
  organisation: { id: string; name: string };
  tokens: ApiTokenListItem[];
  csrfToken: string;
  idempotencyKey: string;
  /** Just created: the only time the token is shown. */
  created?: { token: string; name: string } | undefined;
  values: { name?: string; scopes?: string[] };
  errors: FieldErrors;
  notice?: string | undefined;
  docsUrl: string;
}

export function ApiTokensPage({ t, locale, organisation, tokens, csrfToken, idempotencyKey, created, values, errors, notice, docsUrl }: Props) {
  const scopeOptions = API_SCOPES.map((scope) => ({ value: scope, label: t(`openapi.tokens.scope.${scope}`) }));
  return (
    <>
      <p>
        <a href={`/organisationen/${organisation.id}`}>{t('openapi.tokens.back', { name: organisation.name })}</a>
      </p>
      <h1>{t('openapi.tokens.title', { name: organisation.name })}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {created && (
        <div class="notice notice--success" role="status">
          <p>
            <strong>{t('openapi.tokens.created', { name: created.name })}</strong>
          </p>
          <p>{t('openapi.tokens.copyNow')}</p>
          <p>
            <label for="neuer-schluessel">{t('openapi.tokens.token')}</label>
            <input id="neuer-schluessel" type="text" class="token" readOnly value={created.token} autoComplete="off" spellcheck={false} />
          </p>
        </div>
      )}
      <p>
        {t('openapi.tokens.intro')} <a href={docsUrl}>{t('openapi.tokens.docs')}</a>
      </p>
      {tokens.length === 0 ? (
        <EmptyState>{t('openapi.tokens.none')}</EmptyState>
      ) : (
        <DataTable
          id="api-schluessel"
          caption={t('openapi.tokens.caption')}
          rows={tokens}
          rowKey={(token) => token.id}
          columns={[
            { label: t('openapi.tokens.name'), rowHeader: true, cell: (token) => token.name },
            { label: t('openapi.tokens.prefix'), cell: (token) => <code>{token.prefix}…</code> },
            { label: t('openapi.tokens.scopes'), cell: (token) => token.scopes.map((s) => t(`openapi.tokens.scope.${s}`)).join(', ') },
            {
              label: t('openapi.tokens.createdAt'),
              cell: (token) => (
                <>
                  {formatDateTime(locale, token.createdAt)}
                  {token.createdByName && ` (${token.createdByName})`}
                </>
              ),
            },
            { label: t('openapi.tokens.lastUsed'), cell: (token) => (token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt) : t('openapi.tokens.neverUsed')) },
            {
              label: t('openapi.tokens.state'),
              cell: (token) =>
                token.revokedAt ? (
                  t('openapi.tokens.revokedAt', { date: formatDateTime(locale, token.revokedAt) })
                ) : (
                  <form method="post" action={`/organisationen/${organisation.id}/api-tokens/${token.id}/widerrufen`} class="inline-form">
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="danger" aria-label={t('openapi.tokens.revokeLabel', { name: token.name })}>
                      {t('openapi.tokens.revoke')}
                    </button>
                  </form>
                ),
            },
          ]}
        />
      )}
      <section aria-labelledby="neuer-api-schluessel">
        <h2 id="neuer-api-schluessel">{t('openapi.tokens.new')}</h2>
        <ErrorSummary errors={errors} labels={{ name: t('openapi.tokens.name'), scopes: t('openapi.tokens.scopes') }} t={t} />
        <form method="post" action={`/organisationen/${organisation.id}/api-tokens`} class="stack" noValidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <Field
            name="name"
            label={t('openapi.tokens.name')}
            hint={t('openapi.tokens.nameHint')}
            value={values.name}
            error={errors.name}
            required
            maxLength={120}
            autocomplete="off"
          />
          <CheckboxGroup name="scopes" legend={t('openapi.tokens.scopes')} options={scopeOptions} selected={values.scopes ?? []} error={errors.scopes} />
          <button type="submit">{t('openapi.tokens.create')}</button>
        </form>
      </section>
    </>
  );
}
