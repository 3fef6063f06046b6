import type { Locale, T } from '../../../platform/i18n/index.ts';
import { StatusBadge } from '../../../platform/ui/badge.tsx';
import { DefinitionList } from '../../../platform/ui/definition-list.tsx';
import { Field } from '../../../platform/ui/form.tsx';
import { berlinDay } from '../../../platform/berlin-time.ts';
import type { VerifiedCertificate } from '../../events/index.ts';
import type { RecognitionPayload } from '../signing.ts';
import { formatDay, formatHours } from './format.ts';

export type VerifyOutcome =
  | { state: 'valid' | 'revoked' | 'expired'; payload: RecognitionPayload }
  /** An event's participation certificate (read by the events module). */
  | { state: 'participation'; certificate: VerifiedCertificate }
  | { state: 'malformed' | 'unknown_key' | 'bad_signature' | 'unknownNumber' | 'participationInvalid' | 'participationWithdrawn' };

/** The verification page: a form for the code and, after a check, only what the card itself shows. */
export function VerifyPage({ t, locale, code, outcome }: { t: T; locale: Locale; code: string; outcome: VerifyOutcome | null }) {
  return (
    <>
      <h1>{t('recognition.verify.title')}</h1>
      {outcome && <Outcome t={t} locale={locale} outcome={outcome} />}
      <p>{t('recognition.verify.intro')}</p>
      <form method="get" action="/pruefen" class="stack-form">
        <Field name="code" label={t('recognition.verify.code')} value={code} multiline rows={3} maxLength={2000} />
        <button type="submit">{t('recognition.verify.check')}</button>
      </form>
    </>
  );
}

function Outcome({ t, locale, outcome }: { t: T; locale: Locale; outcome: VerifyOutcome }) {
  if (outcome.state === 'participation') {
    const c = outcome.certificate;
    const [from, to] = [berlinDay(c.startsAt), berlinDay(c.endsAt)];
    return (
      <div class="verify-result verify-result--valid" role="status">
        <p>
          <StatusBadge label={t('recognition.verify.valid')} tone="success" /> {t('recognition.verify.validParticipation')}
        </p>
        <DefinitionList
          items={[
            { term: t('recognition.verify.name'), value: c.name },
            { term: t('recognition.card.kind'), value: t('recognition.verify.kindParticipation') },
            { term: t('recognition.verify.event'), value: c.title },
            { term: t('recognition.verify.date'), value: from === to ? formatDay(locale, from) : `${formatDay(locale, from)} – ${formatDay(locale, to)}` },
            { term: t('recognition.verify.organiser'), value: c.organiser },
          ]}
        />
      </div>
    );
  }
  if (!('payload' in outcome)) {
    return (
      <div class="verify-result verify-result--invalid" role="status">
        <p>
          <StatusBadge label={t('recognition.verify.invalid')} tone="danger" /> {t(`recognition.verify.${outcome.state}`)}
        </p>
      </div>
    );
  }
  const p = outcome.payload;
  const headline =
    outcome.state === 'revoked'
      ? t('recognition.verify.revoked')
      : outcome.state === 'expired' && p.t === 'card'
        ? t('recognition.verify.expired', { date: formatDay(locale, p.u ?? '') })
        : p.t === 'card'
          ? t('recognition.verify.validCard')
          : t('recognition.verify.validCertificate');
  const tone = outcome.state === 'valid' ? 'success' : 'danger';
  return (
    <div class={`verify-result verify-result--${outcome.state}`} role="status">
      <p>
        <StatusBadge label={t(outcome.state === 'valid' ? 'recognition.verify.valid' : `recognition.card.status.${outcome.state}`)} tone={tone} /> {headline}
      </p>
      {p.t === 'card' ? (
        <DefinitionList
          items={[
            { term: t('recognition.verify.name'), value: p.n },
            { term: t('recognition.card.number'), value: p.no },
            { term: t('recognition.card.kind'), value: t(p.k === 'gold' ? 'recognition.card.kindGold' : 'recognition.card.kindStandard') },
            { term: t('recognition.card.region'), value: p.r },
            { term: t('recognition.card.validUntil'), value: p.u ? formatDay(locale, p.u) : t('recognition.card.lifetime') },
          ]}
        />
      ) : (
        <DefinitionList
          items={[
            { term: t('recognition.verify.name'), value: p.n },
            { term: t('recognition.card.kind'), value: t('recognition.verify.kindCertificate') },
            { term: t('recognition.card.number'), value: p.no },
            { term: t('recognition.verify.issuer'), value: p.i },
            { term: t('recognition.verify.period'), value: p.p.split('–').map((d) => formatDay(locale, d)).join(' – ') },
            { term: t('recognition.verify.hours'), value: formatHours(locale, p.h) },
          ]}
        />
      )}
      {p.t === 'card' && outcome.state === 'valid' && <p>{t('recognition.verify.withId')}</p>}
    </div>
  );
}
