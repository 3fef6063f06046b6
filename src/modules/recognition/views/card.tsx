import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { StatusBadge } from '../../../platform/ui/badge.tsx';
import { DefinitionList } from '../../../platform/ui/definition-list.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { Eligibility, Reason } from '../rules/engine.ts';
import type { CardRules } from '../rules/types.ts';
import type { Card, CardApplication, EngagementCertificate } from '../schema.ts';
import { formatDay, formatHours } from './format.ts';

export function reasonText(t: T, locale: Locale, reason: Reason): string {
  switch (reason.code) {
    case 'eligible.hours':
      return t('recognition.card.reason.eligible.hours', { years: reason.years, need: formatHours(locale, reason.need) });
    case 'eligible.alternative':
      return t('recognition.card.reason.eligible.alternative', { alternative: t(`recognition.alternative.${reason.alternative}` as MessageKey) });
    case 'missing.hours':
      return t('recognition.card.reason.missing.hours', { missing: formatHours(locale, reason.missing), from: formatDay(locale, reason.from), to: formatDay(locale, reason.to) });
    case 'too_young':
      return t('recognition.card.reason.too_young', { minAge: reason.minAge });
    case 'age_unknown':
      return t('recognition.card.reason.age_unknown', { minAge: reason.minAge });
    case 'allowance_too_high':
      return t('recognition.card.reason.allowance_too_high', { max: reason.max });
  }
}

/** A card's state as the holder and the checker see it: revoked wins over expired. */
export function cardState(card: Pick<Card, 'status' | 'validUntil'>, today: string): 'valid' | 'revoked' | 'expired' {
  if (card.status === 'revoked') return 'revoked';
  return card.validUntil !== null && card.validUntil < today ? 'expired' : 'valid';
}

interface CardPageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  today: string;
  networks: Array<{ slug: string; name: string }>;
  network: { slug: string; name: string } | null;
  rules: CardRules | null;
  eligibility: Eligibility[] | null;
  municipalities: Array<{ id: string; name: string }>;
  applications: CardApplication[];
  cards: Card[];
  certificates: EngagementCertificate[];
  values: Record<string, string>;
  errors: FieldErrors;
  notice: string | null;
  /** The card being renewed, when the application form was opened for that (reminder mail, card list). */
  renewal: Card | null;
  /** Network slugs of the cards whose renewal can be applied for now (expiring soon or expired), by card id. */
  renewable: Record<string, string>;
}

export function CardPage(props: CardPageProps) {
  const { t, locale, errors, values } = props;
  const labels = {
    kind: t('recognition.card.kind'),
    holderName: t('recognition.card.holderName'),
    birthDate: t('recognition.card.birthDate'),
    municipalityId: t('recognition.card.municipality'),
    allowanceEuro: t('recognition.card.allowance'),
    alternative: t('recognition.card.alternative'),
    note: t('recognition.card.note'),
  };
  const alternatives = [...new Set(props.rules?.variants.flatMap((v) => v.alternatives) ?? [])];
  return (
    <>
      <h1>{t('recognition.card.title')}</h1>
      <p>{t('recognition.card.intro')}</p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}

      {props.networks.length > 1 && (
        <form method="get" action="/konto/ehrenamtskarte" class="inline-form">
          <SelectField name="netzwerk" label={t('recognition.card.network')} options={props.networks.map((n) => ({ value: n.slug, label: n.name }))} value={props.network?.slug} />
          <button type="submit" class="secondary">
            {t('recognition.card.chooseNetwork')}
          </button>
        </form>
      )}

      {props.network && !props.rules && <p>{t('recognition.card.noRules', { network: props.network.name })}</p>}

      {props.rules && props.eligibility && (
        <section aria-labelledby="stand">
          <h2 id="stand">{t('recognition.card.eligibility')}</h2>
          <p>{t('recognition.card.rulesOf', { name: props.rules.name })}</p>
          {props.eligibility.map((e) => (
            <div key={e.kind} class="eligibility">
              <p>
                <StatusBadge label={e.label} tone={e.eligible ? 'success' : 'warning'} />{' '}
                {e.eligible ? t('recognition.card.eligible', { label: e.label }) : t('recognition.card.notEligible', { label: e.label })}
              </p>
              <ul>
                {e.reasons.slice(0, 4).map((reason, i) => (
                  <li key={i}>{reasonText(t, locale, reason)}</li>
                ))}
                {e.reasons.length > 4 && <li>…</li>}
              </ul>
            </div>
          ))}
          <DataTable
            id="karte-zeitraeume"
            caption={t('recognition.card.periods')}
            stack={false}
            columns={[
              { label: t('recognition.card.period'), cell: (p) => `${formatDay(locale, p.from)} – ${formatDay(locale, p.to)}`, rowHeader: true },
              { label: t('recognition.card.have'), cell: (p) => formatHours(locale, p.have), numeric: true },
              { label: t('recognition.card.need'), cell: (p) => formatHours(locale, p.need), numeric: true },
            ]}
            rows={props.eligibility[0]?.periods ?? []}
          />
          <p class="hint">{t('recognition.card.sources', { sources: props.rules.sources.map((s) => `${s.publisher} (${formatDay(locale, s.asOf)})`).join('; ') })}</p>

          <h2 id="antrag">{props.renewal ? t('recognition.renewal.apply') : t('recognition.card.apply')}</h2>
          {props.renewal && (
            <Notice kind="info">
              {t('recognition.renewal.notice', { number: props.renewal.number, until: props.renewal.validUntil ? formatDay(locale, props.renewal.validUntil) : t('recognition.card.lifetime') })}
            </Notice>
          )}
          <ErrorSummary errors={errors} labels={labels} t={t} />
          <form method="post" action={`/konto/ehrenamtskarte?netzwerk=${props.network!.slug}`} class="stack-form" noValidate>
            <CsrfField token={props.csrfToken} />
            {props.renewal && <input type="hidden" name="renewalOf" value={props.renewal.id} />}
            <SelectField name="kind" label={labels.kind} options={props.rules.variants.map((v) => ({ value: v.kind, label: v.label }))} value={values.kind} error={errors.kind} />
            <Field name="holderName" label={labels.holderName} value={values.holderName} error={errors.holderName} required maxLength={200} autocomplete="name" />
            <Field name="birthDate" type="date" label={labels.birthDate} value={values.birthDate} error={errors.birthDate} hint={t('recognition.card.birthDateHint')} autocomplete="bday" />
            <SelectField
              name="municipalityId"
              label={labels.municipalityId}
              options={props.municipalities.map((m) => ({ value: m.id, label: m.name }))}
              value={values.municipalityId}
              error={errors.municipalityId}
              required
            />
            <Field name="allowanceEuro" inputMode="numeric" label={labels.allowanceEuro} value={values.allowanceEuro ?? '0'} error={errors.allowanceEuro} hint={t('recognition.card.allowanceHint')} maxLength={6} />
            <SelectField
              name="alternative"
              label={labels.alternative}
              options={[{ value: '', label: t('recognition.card.alternativeNone') }, ...alternatives.map((a) => ({ value: a, label: t(`recognition.alternative.${a}` as MessageKey) }))]}
              value={values.alternative}
              error={errors.alternative}
            />
            <Field name="note" multiline rows={3} label={labels.note} value={values.note} error={errors.note} maxLength={1000} />
            <button type="submit">{t('recognition.card.submit')}</button>
          </form>
        </section>
      )}

      <section aria-labelledby="karten">
        <h2 id="karten">{t('recognition.card.cards')}</h2>
        {props.cards.length === 0 ? (
          <EmptyState>{t('recognition.card.noCards')}</EmptyState>
        ) : (
          <ul class="plain-list">
            {props.cards.map((card) => {
              const state = cardState(card, props.today);
              return (
                <li key={card.id}>
                  <a href={`/konto/ehrenamtskarte/${card.id}`}>
                    {t(card.kind === 'gold' ? 'recognition.card.kindGold' : 'recognition.card.kindStandard')} {card.number}
                  </a>{' '}
                  <StatusBadge label={t(`recognition.card.status.${state}` as MessageKey)} tone={state === 'valid' ? 'success' : 'danger'} />
                  {props.renewable[card.id] && (
                    <>
                      {' '}
                      {card.validUntil && t('recognition.renewal.due', { number: card.number, until: formatDay(locale, card.validUntil) })}{' '}
                      <a href={`/konto/ehrenamtskarte?netzwerk=${encodeURIComponent(props.renewable[card.id]!)}&verlaengern=${card.id}#antrag`}>{t('recognition.renewal.apply')}</a>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {props.applications.length > 0 && (
        <DataTable
          id="antraege"
          caption={t('recognition.card.applications')}
          columns={[
            { label: t('recognition.admin.submitted'), cell: (a) => formatDay(locale, a.createdAt.toISOString().slice(0, 10)), rowHeader: true },
            { label: t('recognition.card.kind'), cell: (a) => t(a.kind === 'gold' ? 'recognition.card.kindGold' : 'recognition.card.kindStandard') },
            {
              label: t('recognition.hours.status'),
              cell: (a) => (
                <>
                  <StatusBadge label={t(`recognition.card.status.${a.status}` as MessageKey)} tone={a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'danger' : 'neutral'} />
                  {a.reason && <span class="hint"> {a.reason}</span>}
                </>
              ),
            },
          ]}
          rows={props.applications}
          rowKey={(a) => a.id}
        />
      )}

      {props.certificates.length > 0 && (
        <section aria-labelledby="nachweise">
          <h2 id="nachweise">{t('recognition.card.certificates')}</h2>
          <ul class="plain-list">
            {props.certificates.map((c) => (
              <li key={c.id}>
                <a href={`/konto/nachweise/${c.id}/nachweis.pdf`}>
                  {t('recognition.certificate.download')}: {c.issuerName}, {formatDay(locale, c.periodFrom)} – {formatDay(locale, c.periodTo)} ({formatHours(locale, c.hours)} h)
                </a>
                {c.revokedAt && <StatusBadge label={t('recognition.card.status.revoked')} tone="danger" />}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The card on screen: what is printed on it and its QR code, with the PDF to print. */
export function CardView({ t, locale, card, today }: { t: T; locale: Locale; card: Card; today: string }) {
  const state = cardState(card, today);
  return (
    <>
      <h1>
        {t(card.kind === 'gold' ? 'recognition.card.kindGold' : 'recognition.card.kindStandard')} {card.number}
      </h1>
      <p>
        <StatusBadge label={t(`recognition.card.status.${state}` as MessageKey)} tone={state === 'valid' ? 'success' : 'danger'} />
      </p>
      <div class={`volunteer-card volunteer-card--${card.kind}`}>
        <DefinitionList
          items={[
            { term: t('recognition.card.holder'), value: card.holderName },
            { term: t('recognition.card.number'), value: card.number },
            { term: t('recognition.card.region'), value: card.region },
            { term: t('recognition.card.validUntil'), value: card.validUntil ? formatDay(locale, card.validUntil) : t('recognition.card.lifetime') },
          ]}
        />
        <img src={`/konto/ehrenamtskarte/${card.id}/qr.png`} alt={t('recognition.card.qrAlt', { number: card.number })} width={220} height={220} />
      </div>
      <p class="hint">{t('recognition.card.qrHint')}</p>
      <p>
        <a href={`/konto/ehrenamtskarte/${card.id}/karte.pdf`}>{t('recognition.card.pdf')}</a>
      </p>
    </>
  );
}
