/** A page that only says what happened (a link followed, a form sent), with an optional next step. */
export function MessagePage({ title, text, link }: { title: string; text: string; link?: { href: string; label: string } | undefined }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      {link && (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      )}
    </>
  );
}
