import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField } from '../../../platform/ui/form.tsx';

interface Props {
  t: T;
  text: string;
  action: string;
  csrfToken: string;
}

/** The page behind the mailed link: it only looks, so mail scanners that open links change nothing. */
export function ConfirmCurrentPage({ t, text, action, csrfToken }: Props) {
  return (
    <>
      <h1>{t('offers.current.title')}</h1>
      <p>{text}</p>
      <form method="post" action={action}>
        <CsrfField token={csrfToken} />
        <button type="submit">{t('offers.current.button')}</button>
      </form>
    </>
  );
}

