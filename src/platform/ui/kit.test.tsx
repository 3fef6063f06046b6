import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import { StatusBadge } from './badge.tsx';
import { Checkbox, CheckboxGroup } from './checkbox-group.tsx';
import { ConfirmStep, isConfirmed } from './confirm.tsx';
import { DefinitionList } from './definition-list.tsx';
import { EmptyState } from './empty-state.tsx';
import { Field, SelectField } from './field.tsx';
import { keptFormValues, listOf, textOf } from './form-values.ts';
import { Pagination } from './pagination.tsx';
import { RadioGroup } from './radio-group.tsx';
import { DataTable, parseSort, sortValue, type Column } from './table.tsx';

const t = translator('de');

/** The start tag of the first element with this id, to look at its attributes. */
function tagWithId(html: string, id: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`));
  if (!match) throw new Error(`no element with id ${id} in ${html}`);
  return match[0];
}

describe('DataTable', () => {
  type Row = { name: string; count: number };
  const columns: Column<Row>[] = [
    { label: 'Name', cell: (r) => r.name, rowHeader: true, sort: 'name' },
    { label: 'Anzahl', cell: (r) => r.count, numeric: true, sort: 'anzahl' },
    { label: 'Notiz', cell: () => '–' },
  ];
  const rows = [
    { name: 'Taucha', count: 3 },
    { name: 'Delitzsch <b>', count: 12 },
  ];

  it('puts the table in a focusable region named by its caption', () => {
    const html = render(<DataTable id="orte" caption="Orte" columns={columns} rows={rows} />);
    const region = html.slice(0, html.indexOf('>') + 1);
    expect(region).toContain('role="region"');
    expect(region).toContain('tabindex="0"');
    expect(region).toContain('aria-labelledby="orte-caption"');
    expect(html).toContain('<caption id="orte-caption">Orte</caption>');
    expect(html).toContain('<table id="orte" class="data-table data-table--stack">');
  });

  it('heads each column, makes the naming column row headers and labels every value for the phone layout', () => {
    const html = render(<DataTable id="orte" caption="Orte" columns={columns} rows={rows} />);
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html).toContain('<th scope="row">Taucha</th>');
    expect(html).toContain('<td class="num" data-label="Anzahl">12</td>');
    expect(html).toContain('<td data-label="Notiz">–</td>');
    // Content is escaped like everywhere else in Preact.
    expect(html).toContain('Delitzsch &lt;b>');
  });

  it('makes sortable headings links to the server-sorted list and marks the current one with aria-sort', () => {
    const href = (by: string, descending: boolean) => `/liste?sortierung=${sortValue(by, descending)}`;
    const html = render(<DataTable id="orte" caption="Orte" columns={columns} rows={rows} sort={{ by: 'anzahl', descending: false, href }} />);
    expect(html).toContain('aria-sort="ascending"');
    expect(html.match(/aria-sort=/g)).toHaveLength(1);
    // The current column turns round, the other one starts upwards.
    expect(html).toContain('href="/liste?sortierung=-anzahl"');
    expect(html).toContain('href="/liste?sortierung=name"');
    // A column without a sort value is plain text.
    expect(html).toMatch(/<th scope="col">Notiz<\/th>/);
  });

  it('draws a totals row with the same columns and can stay a grid on phones', () => {
    const html = render(<DataTable id="t" caption="Summe" columns={columns} rows={rows} footer={{ name: 'Alle', count: 15 }} stack={false} class="figures" />);
    expect(html).toMatch(/<tfoot><tr><th scope="row">Alle<\/th><td class="num" data-label="Anzahl">15<\/td>/);
    expect(html).toContain('class="data-table figures"');
  });

  it('reads only allowed sort values', () => {
    const fallback = { by: 'name', descending: false };
    expect(parseSort('-anzahl', ['name', 'anzahl'], fallback)).toEqual({ by: 'anzahl', descending: true });
    expect(parseSort('passwort', ['name', 'anzahl'], fallback)).toEqual(fallback);
    expect(parseSort(['name'], ['name'], fallback)).toEqual(fallback);
  });
});

describe('form controls', () => {
  it('Field ties hint and error to the input, marks it invalid and keeps what was typed', () => {
    const html = render(<Field name="title" label="Titel" hint="Kurz und klar" error="Bitte ausfüllen" value={`Lese"pat`} />);
    expect(html).toContain('<label for="f-title">Titel</label>');
    const input = tagWithId(html, 'f-title');
    expect(input).toContain('aria-describedby="f-title-hint f-title-error"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('value="Lese&quot;pat"');
    expect(html).toContain('<p class="field-error" id="f-title-error">Bitte ausfüllen</p>');
  });

  it('Field never echoes a password and says nothing is wrong when nothing is', () => {
    const html = render(<Field name="password" label="Passwort" type="password" value="geheim" />);
    expect(html).not.toContain('geheim');
    expect(tagWithId(html, 'f-password')).not.toContain('aria-invalid');
    expect(tagWithId(html, 'f-password')).not.toContain('aria-describedby');
  });

  it('SelectField keeps the choice and groups options', () => {
    const html = render(
      <SelectField name="kommune" label="Kommune" placeholder="bitte wählen" value="b" error="Fehlt" groups={[{ label: 'GEMS', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }]} />,
    );
    expect(html).toContain('<optgroup label="GEMS">');
    expect(html).toContain('<option value="b" selected>B</option>');
    expect(tagWithId(html, 'f-kommune')).toContain('aria-invalid="true"');
  });

  it('CheckboxGroup is a fieldset with legend, hint and error, the first box carrying the summary’s id', () => {
    const options = [
      { value: 'sport', label: 'Sport' },
      { value: 'kultur', label: 'Kultur' },
    ];
    const html = render(<CheckboxGroup name="fields" legend="Bereiche" hint="Mehrere möglich" error="Bitte wählen" options={options} selected={['kultur']} columns />);
    expect(html).toMatch(/^<fieldset class="field field--error" aria-describedby="f-fields-hint f-fields-error"><legend>Bereiche<\/legend>/);
    expect(tagWithId(html, 'f-fields')).toContain('value="sport"');
    expect(tagWithId(html, 'f-fields-kultur')).toContain('checked');
    expect(tagWithId(html, 'f-fields')).not.toContain('checked');
    expect(html).toContain('<label for="f-fields-kultur">Kultur</label>');
    expect(html).toContain('class="checkbox-columns"');
    // A set works as well as a list.
    expect(render(<CheckboxGroup name="m" legend="M" options={options} selected={new Set(['sport'])} />)).toMatch(/id="f-m"[^>]*checked/);
  });

  it('Checkbox sends 1 and reads its hint', () => {
    const html = render(<Checkbox name="publish" label="Veröffentlichen" checked={false} hint="Sichtbar für alle" />);
    const box = tagWithId(html, 'f-publish');
    expect(box).toContain('value="1"');
    expect(box).toContain('aria-describedby="f-publish-hint"');
    expect(box).not.toContain('checked');
  });

  it('RadioGroup is a fieldset with one choice checked and each option’s hint tied to it', () => {
    const html = render(
      <RadioGroup
        name="mode"
        legend="Prüfung"
        value="after"
        error="Bitte wählen"
        options={[
          { value: 'before', label: 'Vorher', hint: 'Erst prüfen' },
          { value: 'after', label: 'Nachher' },
        ]}
      />,
    );
    expect(html).toContain('<legend>Prüfung</legend>');
    expect(html).toContain('aria-describedby="f-mode-error"');
    expect(tagWithId(html, 'f-mode')).toContain('aria-describedby="f-mode-option-hint"');
    expect(tagWithId(html, 'f-mode-after')).toContain('checked');
    expect(html.match(/type="radio"/g)).toHaveLength(2);
  });

  it('kept form values drop the CSRF token and passwords and keep lists', () => {
    const values = keptFormValues({ _csrf: 'x', password: 'p', title: 'T', fields: ['a', 'b'], n: 3 });
    expect(values).toEqual({ title: 'T', fields: ['a', 'b'], n: '3' });
    expect(textOf(values, 'fields')).toBe('a');
    expect(listOf(values, 'title')).toEqual(['T']);
    expect(listOf(values, 'none')).toEqual([]);
  });
});

describe('page parts', () => {
  it('Pagination names itself, links to the neighbours and says where the reader is', () => {
    const html = render(<Pagination t={t} page={2} pages={3} href={(p) => `/x?seite=${p}`} />);
    expect(html).toContain('<nav class="pagination" aria-label="Seiten">');
    expect(html).toContain('<a rel="prev" href="/x?seite=1">Vorige Seite</a>');
    expect(html).toContain('<a rel="next" href="/x?seite=3">Nächste Seite</a>');
    expect(html).toContain('Seite 2 von 3');
    expect(render(<Pagination t={t} page={3} pages={3} href={String} />)).not.toContain('rel="next"');
    expect(render(<Pagination t={t} page={1} pages={1} href={String} />)).toBe('');
  });

  it('EmptyState says so in words and offers the next step', () => {
    const html = render(<EmptyState action={{ href: '/neu', label: 'Angebot anlegen' }}>Noch keine Angebote.</EmptyState>);
    expect(html).toBe('<div class="empty-state"><p>Noch keine Angebote.</p><p><a href="/neu">Angebot anlegen</a></p></div>');
  });

  it('ConfirmStep asks, sends the same fields again with confirm=1 and CSRF, and offers a way back', () => {
    const html = render(
      <ConfirmStep t={t} question="Anfrage wirklich zurückziehen?" action="/anfragen/1/zurueckziehen" csrfToken="tok" fields={{ reason: 'a"b' }} confirmLabel="Ja, zurückziehen" cancelHref="/anfragen/1">
        <p>Die Organisation erfährt es.</p>
      </ConfirmStep>,
    );
    expect(html).toContain('<h2 id="bestaetigen-titel">Anfrage wirklich zurückziehen?</h2>');
    expect(html).toContain('<form method="post" action="/anfragen/1/zurueckziehen"');
    expect(html).toContain('name="_csrf" value="tok"');
    expect(html).toContain('<input type="hidden" name="reason" value="a&quot;b"/>');
    expect(html).toContain('<input type="hidden" name="confirm" value="1"/>');
    expect(html).toContain('<button type="submit" class="danger">Ja, zurückziehen</button>');
    expect(html).toContain('<a href="/anfragen/1">Abbrechen</a>');
    expect(isConfirmed({ confirm: '1' })).toBe(true);
    expect(isConfirmed({ confirm: 'yes' })).toBe(false);
    expect(isConfirmed(undefined)).toBe(false);
  });

  it('StatusBadge carries its state in words', () => {
    expect(render(<StatusBadge label="vermittelt" tone="success" />)).toBe('<span class="badge badge--success">vermittelt</span>');
  });

  it('DefinitionList pairs terms with values and leaves out empty ones', () => {
    const html = render(
      <DefinitionList
        items={[
          { term: 'Ort', value: 'Taucha' },
          { term: 'Zeit', value: '' },
          false,
          { term: 'Kontakt', value: <a href="mailto:a@b.de">a@b.de</a> },
        ]}
      />,
    );
    expect(html).toBe('<dl class="facts"><div class="fact"><dt>Ort</dt><dd>Taucha</dd></div><div class="fact"><dt>Kontakt</dt><dd><a href="mailto:a@b.de">a@b.de</a></dd></div></dl>');
    expect(render(<DefinitionList items={[{ term: 'Ort', value: null }]} />)).toBe('');
  });
});
