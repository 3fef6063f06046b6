export const de = {
  'accounts.field.name': 'Name',
  'accounts.field.email': 'E-Mail-Adresse',
  'accounts.field.password': 'Passwort',
  'accounts.field.passwordHint': 'Mindestens 10 Zeichen. Ein kurzer Satz ist leicht zu merken und schwer zu erraten.',
  'accounts.field.newPassword': 'Neues Passwort',
  'accounts.field.newPasswordConfirm': 'Neues Passwort wiederholen',
  'accounts.field.currentPassword': 'Aktuelles Passwort',
  'accounts.field.newEmail': 'Neue E-Mail-Adresse',
  'accounts.field.locale': 'Bevorzugte Sprache',
  'accounts.field.confirmEmail': 'Ihre E-Mail-Adresse zur Bestätigung',
  'accounts.consent.before': 'Ich habe die ',
  'accounts.consent.link': 'Datenschutzhinweise',
  'accounts.consent.after': ' gelesen',
  'accounts.consent.label': 'Datenschutzhinweise',
  'accounts.consent.required': 'Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.',
  'accounts.password.mismatch': 'Die beiden Passwörter stimmen nicht überein.',
  'accounts.password.wrong': 'Das Passwort stimmt nicht.',
  'accounts.locale.de': 'Deutsch',
  'accounts.locale.en': 'English (Englisch)',

  'accounts.register.title': 'Registrieren',
  'accounts.register.intro':
    'Mit einem Konto können Sie Engagement-Angebote anfragen, Ihre Stunden eintragen und in Ihrem Netzwerk mitarbeiten.',
  'accounts.register.submit': 'Registrieren',
  'accounts.register.haveAccount': 'Sie haben schon ein Konto?',
  'accounts.register.thanksTitle': 'Bitte prüfen Sie Ihr Postfach',
  'accounts.register.thanksText':
    'Wir haben Ihnen eine E-Mail geschickt. Öffnen Sie den Link darin, um Ihre E-Mail-Adresse zu bestätigen. Der Link gilt 48 Stunden.',
  'accounts.register.noMail': 'Keine E-Mail bekommen? Schauen Sie bitte auch im Spam-Ordner nach oder',
  'accounts.register.noMailLink': 'fordern Sie eine neue Bestätigungs-E-Mail an',

  'accounts.resend.title': 'Bestätigungs-E-Mail anfordern',
  'accounts.resend.intro':
    'Geben Sie die E-Mail-Adresse ein, mit der Sie sich registriert haben. Wir schicken Ihnen einen neuen Bestätigungslink.',
  'accounts.resend.submit': 'Bestätigungs-E-Mail senden',
  'accounts.resend.sent':
    'Wenn zu dieser Adresse ein Konto gehört, das noch nicht bestätigt ist, haben wir Ihnen einen neuen Link geschickt. Er gilt 48 Stunden.',

  'accounts.login.title': 'Anmelden',
  'accounts.login.submit': 'Anmelden',
  'accounts.login.failed': 'E-Mail-Adresse oder Passwort stimmen nicht',
  'accounts.login.throttled':
    'Zu viele fehlgeschlagene Anmeldeversuche für diese E-Mail-Adresse. Bitte versuchen Sie es in {minutes} Minuten erneut – oder melden Sie sich ohne Passwort mit einem Anmeldelink an.',
  'accounts.login.forgot': 'Passwort vergessen?',
  'accounts.login.magic': 'Ohne Passwort anmelden: Anmeldelink per E-Mail',
  'accounts.login.noAccount': 'Noch kein Konto?',
  'accounts.login.unverifiedTitle': 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse',
  'accounts.login.unverifiedText':
    'Ihr Konto ist noch nicht bestätigt. Öffnen Sie den Link aus der Bestätigungs-E-Mail, oder lassen Sie sich die E-Mail noch einmal schicken.',
  'accounts.login.resend': 'Bestätigungs-E-Mail erneut senden',

  'accounts.sent.title': 'Bitte prüfen Sie Ihr Postfach',
  'accounts.sent.spam': 'Die E-Mail kann einige Minuten brauchen. Schauen Sie bitte auch im Spam-Ordner nach.',

  'accounts.forgot.title': 'Passwort vergessen',
  'accounts.forgot.intro':
    'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.',
  'accounts.forgot.submit': 'Link anfordern',
  'accounts.forgot.sent':
    'Wenn zu dieser Adresse ein Konto gehört, haben wir Ihnen einen Link zum Zurücksetzen des Passworts geschickt. Er gilt 2 Stunden.',

  'accounts.reset.title': 'Neues Passwort festlegen',
  'accounts.reset.submit': 'Passwort speichern',

  'accounts.magic.title': 'Anmeldelink anfordern',
  'accounts.magic.intro':
    'Wir schicken Ihnen einen Link, mit dem Sie sich ohne Passwort anmelden. Der Link gilt 30 Minuten und nur einmal.',
  'accounts.magic.submit': 'Anmeldelink senden',
  'accounts.magic.sent': 'Wenn zu dieser Adresse ein Konto gehört, haben wir Ihnen einen Anmeldelink geschickt. Er gilt 30 Minuten.',
  'accounts.magic.confirmTitle': 'Anmelden mit Anmeldelink',
  'accounts.magic.confirmText': 'Mit einem Klick auf die Schaltfläche melden Sie sich an.',
  'accounts.magic.confirmSubmit': 'Jetzt anmelden',

  'accounts.confirm.title': 'E-Mail-Adresse bestätigen',
  'accounts.confirm.text': 'Mit einem Klick auf die Schaltfläche bestätigen Sie Ihre E-Mail-Adresse und melden sich an.',
  'accounts.confirm.submit': 'E-Mail-Adresse bestätigen',
  'accounts.confirm.emailTaken':
    'Diese E-Mail-Adresse gehört inzwischen zu einem anderen Konto. Ihre bisherige Adresse bleibt gültig.',

  'accounts.token.invalidTitle': 'Dieser Link gilt nicht mehr',
  'accounts.token.invalidText':
    'Der Link ist abgelaufen oder wurde schon benutzt. Aus Sicherheitsgründen gilt jeder Link nur einmal und nur für kurze Zeit.',
  'accounts.token.newConfirm': 'Neue Bestätigungs-E-Mail anfordern',
  'accounts.token.newReset': 'Neuen Link zum Zurücksetzen anfordern',
  'accounts.token.newMagic': 'Neuen Anmeldelink anfordern',

  'accounts.account.title': 'Mein Konto',
  'accounts.account.engagement': 'Mein Engagement und meine Daten',
  'accounts.account.linkProfile': 'Engagement-Profil: Interessen, Zeiten, Umkreis',
  'accounts.account.linkSuggestions': 'Passende Angebote für mich',
  'accounts.account.linkPlacements': 'Meine Anfragen und Vermittlungen',
  'accounts.account.linkSearches': 'Gespeicherte Suchen und Benachrichtigungen',
  'accounts.account.linkOrganisations': 'Meine Organisationen und ihre Angebote',
  'accounts.account.profile': 'Persönliche Angaben',
  'accounts.account.currentEmail': 'Ihre E-Mail-Adresse',
  'accounts.account.saveProfile': 'Angaben speichern',
  'accounts.account.passwordHeading': 'Passwort ändern',
  'accounts.account.passwordSetHeading': 'Passwort festlegen',
  'accounts.account.passwordNone': 'Sie melden sich bisher nur mit Anmeldelinks an. Hier können Sie ein Passwort festlegen.',
  'accounts.account.passwordSubmit': 'Passwort ändern',
  'accounts.account.passwordChanged': 'Ihr Passwort wurde geändert. Auf allen anderen Geräten sind Sie jetzt abgemeldet.',
  'accounts.account.emailHeading': 'E-Mail-Adresse ändern',
  'accounts.account.emailIntro':
    'Wir schicken einen Bestätigungslink an die neue Adresse. Erst wenn Sie ihn öffnen, ändern wir Ihre E-Mail-Adresse.',
  'accounts.account.emailSubmit': 'Bestätigungslink senden',
  'accounts.account.emailSent':
    'Wir haben einen Bestätigungslink an die neue Adresse geschickt. Sie gilt erst, wenn Sie den Link geöffnet haben.',
  'accounts.account.emailChanged': 'Ihre E-Mail-Adresse wurde geändert.',
  'accounts.account.emailSame': 'Das ist bereits Ihre E-Mail-Adresse.',
  'accounts.account.roles': 'Meine Rollen in Netzwerken',
  'accounts.account.rolesCaption': 'Ihre Rollen, nach Netzwerk',
  'accounts.account.network': 'Netzwerk',
  'accounts.account.role': 'Rolle',
  'accounts.account.noRoles': 'Sie haben noch keine Rolle in einem Netzwerk.',
  'accounts.account.platformAdmin': 'Sie betreuen außerdem den Betrieb dieser Plattform.',
  'accounts.account.deleteHeading': 'Konto löschen',
  'accounts.account.deleteLink': 'Mein Konto löschen',

  'accounts.role.volunteer': 'Engagierte:r',
  'accounts.role.organisation': 'Organisation',
  'accounts.role.municipality_contact': 'Kommunale Ansprechperson',
  'accounts.role.guide': 'Engagementlotse',
  'accounts.role.network_office': 'Netzwerkstelle',
  'accounts.role.programme_office': 'Programmbüro',
  'accounts.role.consultant': 'Prozessbegleiter:in',

  'accounts.delete.title': 'Konto löschen',
  'accounts.delete.text':
    'Wenn Sie Ihr Konto löschen, löschen wir es nach einer Frist mit allen Ihren Daten; was Organisationen noch brauchen (etwa eine Vermittlung), bleibt ohne Ihren Namen. Bis zum Ende der Frist können Sie die Löschung mit dem Link aus unserer E-Mail oder durch Anmelden abbrechen. Danach lässt sie sich nicht rückgängig machen.',
  'accounts.delete.passwordIntro': 'Bitte geben Sie zur Sicherheit Ihr Passwort ein.',
  'accounts.delete.emailIntro': 'Bitte tippen Sie zur Sicherheit Ihre E-Mail-Adresse ein.',
  'accounts.delete.emailMismatch': 'Die E-Mail-Adresse stimmt nicht mit der Ihres Kontos überein.',
  'accounts.delete.submit': 'Konto endgültig löschen',
  'accounts.delete.cancel': 'Abbrechen und zurück zum Konto',

  'accounts.mail.greeting': 'Guten Tag,',
  'accounts.mail.signature': 'Ihr Mitmachnetz',
  'accounts.mail.confirmSubject': 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
  'accounts.mail.confirmText':
    'bitte bestätigen Sie Ihre E-Mail-Adresse für Mitmachnetz. Öffnen Sie dazu diesen Link:\n\n{link}\n\nDer Link gilt 48 Stunden. Wenn Sie sich nicht registriert haben, können Sie diese E-Mail einfach löschen.',
  'accounts.mail.existsSubject': 'Sie haben bereits ein Konto',
  'accounts.mail.existsText':
    'jemand wollte mit dieser E-Mail-Adresse ein neues Konto bei Mitmachnetz anlegen. Zu dieser Adresse gibt es aber schon ein Konto.\n\nWenn Sie Ihr Passwort vergessen haben, legen Sie hier ein neues fest:\n\n{link}\n\nWenn Sie das nicht waren, müssen Sie nichts tun.',
  'accounts.mail.resetSubject': 'Passwort zurücksetzen',
  'accounts.mail.resetText':
    'mit diesem Link legen Sie ein neues Passwort für Ihr Konto bei Mitmachnetz fest:\n\n{link}\n\nDer Link gilt 2 Stunden und nur einmal. Wenn Sie das nicht angefordert haben, müssen Sie nichts tun; Ihr Passwort bleibt, wie es ist.',
  'accounts.mail.magicSubject': 'Ihr Anmeldelink',
  'accounts.mail.magicText':
    'mit diesem Link melden Sie sich bei Mitmachnetz an:\n\n{link}\n\nDer Link gilt 30 Minuten und nur einmal. Wenn Sie das nicht angefordert haben, müssen Sie nichts tun.',
  'accounts.mail.changeSubject': 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse',
  'accounts.mail.changeText':
    'Sie möchten diese Adresse für Ihr Konto bei Mitmachnetz verwenden. Bitte bestätigen Sie das mit diesem Link:\n\n{link}\n\nDer Link gilt 48 Stunden. Wenn Sie das nicht waren, können Sie diese E-Mail einfach löschen.',
  'accounts.mail.changedSubject': 'Ihre E-Mail-Adresse wurde geändert',
  'accounts.mail.changedText':
    'die E-Mail-Adresse Ihres Kontos bei Mitmachnetz wurde soeben geändert. Nachrichten gehen ab jetzt an die neue Adresse.\n\nWenn Sie das nicht selbst waren, machen Sie die Änderung mit diesem Link rückgängig (er gilt {days} Tage):\n\n{link}\n\nDanach gilt wieder diese Adresse, alle Anmeldungen enden, und Sie legen ein neues Passwort fest.',
  'accounts.revoke.title': 'Änderung der E-Mail-Adresse rückgängig machen',
  'accounts.revoke.text':
    'Ihr Konto bekommt die Adresse {email} zurück. Alle Anmeldungen auf allen Geräten enden, das bisherige Passwort gilt nicht mehr, und Sie legen gleich ein neues fest.',
  'accounts.revoke.submit': 'Änderung rückgängig machen',
  'accounts.revoke.taken': 'Die alte Adresse gehört inzwischen zu einem anderen Konto. Bitte wenden Sie sich an Ihre Netzwerkstelle.',
} as const;

export const en: { [K in keyof typeof de]: string } = {
  'accounts.field.name': 'Name',
  'accounts.field.email': 'E-mail address',
  'accounts.field.password': 'Password',
  'accounts.field.passwordHint': 'At least 10 characters. A short sentence is easy to remember and hard to guess.',
  'accounts.field.newPassword': 'New password',
  'accounts.field.newPasswordConfirm': 'Repeat new password',
  'accounts.field.currentPassword': 'Current password',
  'accounts.field.newEmail': 'New e-mail address',
  'accounts.field.locale': 'Preferred language',
  'accounts.field.confirmEmail': 'Your e-mail address, to confirm',
  'accounts.consent.before': 'I have read the ',
  'accounts.consent.link': 'privacy notice',
  'accounts.consent.after': '',
  'accounts.consent.label': 'Privacy notice',
  'accounts.consent.required': 'Please confirm that you have read the privacy notice.',
  'accounts.password.mismatch': 'The two passwords do not match.',
  'accounts.password.wrong': 'The password is not correct.',
  'accounts.locale.de': 'Deutsch (German)',
  'accounts.locale.en': 'English',

  'accounts.register.title': 'Register',
  'accounts.register.intro':
    'With an account you can contact engagement offers, log your hours and take part in your network.',
  'accounts.register.submit': 'Register',
  'accounts.register.haveAccount': 'Already have an account?',
  'accounts.register.thanksTitle': 'Please check your inbox',
  'accounts.register.thanksText':
    'We have sent you an e-mail. Open the link in it to confirm your e-mail address. The link is valid for 48 hours.',
  'accounts.register.noMail': 'No e-mail? Please also look in your spam folder, or',
  'accounts.register.noMailLink': 'request a new confirmation e-mail',

  'accounts.resend.title': 'Request a confirmation e-mail',
  'accounts.resend.intro': 'Enter the e-mail address you registered with. We will send you a new confirmation link.',
  'accounts.resend.submit': 'Send confirmation e-mail',
  'accounts.resend.sent':
    'If an unconfirmed account belongs to this address, we have sent you a new link. It is valid for 48 hours.',

  'accounts.login.title': 'Log in',
  'accounts.login.submit': 'Log in',
  'accounts.login.failed': 'E-mail address or password is not correct',
  'accounts.login.throttled':
    'Too many failed login attempts for this e-mail address. Please try again in {minutes} minutes – or log in without a password using a login link.',
  'accounts.login.forgot': 'Forgot your password?',
  'accounts.login.magic': 'Log in without a password: login link by e-mail',
  'accounts.login.noAccount': 'No account yet?',
  'accounts.login.unverifiedTitle': 'Please confirm your e-mail address first',
  'accounts.login.unverifiedText':
    'Your account is not confirmed yet. Open the link in the confirmation e-mail, or have the e-mail sent again.',
  'accounts.login.resend': 'Send the confirmation e-mail again',

  'accounts.sent.title': 'Please check your inbox',
  'accounts.sent.spam': 'The e-mail may take a few minutes. Please also look in your spam folder.',

  'accounts.forgot.title': 'Forgot your password',
  'accounts.forgot.intro': 'Enter the e-mail address of your account. We will send you a link to set a new password.',
  'accounts.forgot.submit': 'Request link',
  'accounts.forgot.sent':
    'If an account belongs to this address, we have sent you a link to reset the password. It is valid for 2 hours.',

  'accounts.reset.title': 'Set a new password',
  'accounts.reset.submit': 'Save password',

  'accounts.magic.title': 'Request a login link',
  'accounts.magic.intro': 'We will send you a link to log in without a password. It is valid for 30 minutes, and only once.',
  'accounts.magic.submit': 'Send login link',
  'accounts.magic.sent': 'If an account belongs to this address, we have sent you a login link. It is valid for 30 minutes.',
  'accounts.magic.confirmTitle': 'Log in with a login link',
  'accounts.magic.confirmText': 'Press the button to log in.',
  'accounts.magic.confirmSubmit': 'Log in now',

  'accounts.confirm.title': 'Confirm e-mail address',
  'accounts.confirm.text': 'Press the button to confirm your e-mail address and log in.',
  'accounts.confirm.submit': 'Confirm e-mail address',
  'accounts.confirm.emailTaken': 'This e-mail address now belongs to another account. Your previous address stays in use.',

  'accounts.token.invalidTitle': 'This link is no longer valid',
  'accounts.token.invalidText':
    'The link has expired or has already been used. For your safety every link works only once and only for a short time.',
  'accounts.token.newConfirm': 'Request a new confirmation e-mail',
  'accounts.token.newReset': 'Request a new password reset link',
  'accounts.token.newMagic': 'Request a new login link',

  'accounts.account.title': 'My account',
  'accounts.account.engagement': 'My engagement and my data',
  'accounts.account.linkProfile': 'Engagement profile: interests, times, radius',
  'accounts.account.linkSuggestions': 'Offers that suit me',
  'accounts.account.linkPlacements': 'My inquiries and placements',
  'accounts.account.linkSearches': 'Saved searches and alerts',
  'accounts.account.linkOrganisations': 'My organisations and their offers',
  'accounts.account.profile': 'Personal details',
  'accounts.account.currentEmail': 'Your e-mail address',
  'accounts.account.saveProfile': 'Save details',
  'accounts.account.passwordHeading': 'Change password',
  'accounts.account.passwordSetHeading': 'Set a password',
  'accounts.account.passwordNone': 'So far you log in with login links only. You can set a password here.',
  'accounts.account.passwordSubmit': 'Change password',
  'accounts.account.passwordChanged': 'Your password has been changed. You are now logged out on all other devices.',
  'accounts.account.emailHeading': 'Change e-mail address',
  'accounts.account.emailIntro':
    'We will send a confirmation link to the new address. Your address changes only once you open it.',
  'accounts.account.emailSubmit': 'Send confirmation link',
  'accounts.account.emailSent':
    'We have sent a confirmation link to the new address. It takes effect once you have opened the link.',
  'accounts.account.emailChanged': 'Your e-mail address has been changed.',
  'accounts.account.emailSame': 'This already is your e-mail address.',
  'accounts.account.roles': 'My roles in networks',
  'accounts.account.rolesCaption': 'Your roles, by network',
  'accounts.account.network': 'Network',
  'accounts.account.role': 'Role',
  'accounts.account.noRoles': 'You have no role in a network yet.',
  'accounts.account.platformAdmin': 'You also look after the operation of this platform.',
  'accounts.account.deleteHeading': 'Delete account',
  'accounts.account.deleteLink': 'Delete my account',

  'accounts.role.volunteer': 'Volunteer',
  'accounts.role.organisation': 'Organisation',
  'accounts.role.municipality_contact': 'Municipality contact',
  'accounts.role.guide': 'Local guide (Engagementlotse)',
  'accounts.role.network_office': 'Network office',
  'accounts.role.programme_office': 'Programme office',
  'accounts.role.consultant': 'Process consultant',

  'accounts.delete.title': 'Delete account',
  'accounts.delete.text':
    'If you delete your account, we erase it with all your data after a grace period; what organisations still need (a placement, say) stays without your name. Until the period ends you can cancel with the link in our e-mail or by signing in. After that it cannot be undone.',
  'accounts.delete.passwordIntro': 'For your safety, please enter your password.',
  'accounts.delete.emailIntro': 'For your safety, please type your e-mail address.',
  'accounts.delete.emailMismatch': 'This e-mail address does not match the one of your account.',
  'accounts.delete.submit': 'Delete account permanently',
  'accounts.delete.cancel': 'Cancel and go back to the account',

  'accounts.mail.greeting': 'Hello,',
  'accounts.mail.signature': 'Your Mitmachnetz',
  'accounts.mail.confirmSubject': 'Please confirm your e-mail address',
  'accounts.mail.confirmText':
    'please confirm your e-mail address for Mitmachnetz by opening this link:\n\n{link}\n\nThe link is valid for 48 hours. If you did not register, simply delete this e-mail.',
  'accounts.mail.existsSubject': 'You already have an account',
  'accounts.mail.existsText':
    'someone wanted to create a new Mitmachnetz account with this e-mail address, but an account already exists for it.\n\nIf you have forgotten your password, set a new one here:\n\n{link}\n\nIf this was not you, there is nothing to do.',
  'accounts.mail.resetSubject': 'Reset your password',
  'accounts.mail.resetText':
    'use this link to set a new password for your Mitmachnetz account:\n\n{link}\n\nThe link is valid for 2 hours, and only once. If you did not ask for this, there is nothing to do; your password stays as it is.',
  'accounts.mail.magicSubject': 'Your login link',
  'accounts.mail.magicText':
    'use this link to log in to Mitmachnetz:\n\n{link}\n\nThe link is valid for 30 minutes, and only once. If you did not ask for this, there is nothing to do.',
  'accounts.mail.changeSubject': 'Please confirm your new e-mail address',
  'accounts.mail.changeText':
    'you want to use this address for your Mitmachnetz account. Please confirm with this link:\n\n{link}\n\nThe link is valid for 48 hours. If this was not you, simply delete this e-mail.',
  'accounts.mail.changedSubject': 'Your e-mail address has been changed',
  'accounts.mail.changedText':
    'the e-mail address of your Mitmachnetz account has just been changed. Messages now go to the new address.\n\nIf this was not you, undo the change with this link (valid for {days} days):\n\n{link}\n\nThis address then applies again, every login ends, and you set a new password.',
  'accounts.revoke.title': 'Undo the change of e-mail address',
  'accounts.revoke.text':
    'Your account gets the address {email} back. Every login on every device ends, the previous password no longer works, and you set a new one next.',
  'accounts.revoke.submit': 'Undo the change',
  'accounts.revoke.taken': 'The old address now belongs to another account. Please contact your network office.',
};

declare module '../../platform/i18n/index.ts' {
  interface MessageCatalog extends Record<keyof typeof de, string> {}
}
