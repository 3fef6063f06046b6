// Mitmachnetz widget: current offers (or, with data-kind="events", upcoming events) on another website (see /api#widget). No cookies, no storage, no framework.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var origin = new URL(script.src).origin;
  var d = script.dataset;
  var en = /^en/i.test(document.documentElement.lang);
  var events = d.kind === 'events';
  var T = en
    ? ['Get involved', ' in ', 'Loading offers …', 'There are no offers here at the moment.', 'All offers', 'The offers cannot be shown: ',
      'there is no municipality of this name in the network.', ' is missing or not valid (see the instructions).', 'the service cannot be reached.']
    : ['Mitmachen', ' in ', 'Angebote werden geladen …', 'Zurzeit gibt es hier keine Angebote.', 'Alle Angebote', 'Die Angebote können nicht angezeigt werden: ',
      'eine Kommune dieses Namens gibt es im Netzwerk nicht.', ' fehlt oder ist ungültig (siehe Anleitung).', 'der Dienst ist nicht erreichbar.'];
  if (events) {
    T.splice(0, 1, en ? 'Events' : 'Veranstaltungen');
    T.splice(2, 4, en ? 'Loading events …' : 'Veranstaltungen werden geladen …', en ? 'No events are planned here at the moment.' : 'Zurzeit sind hier keine Veranstaltungen geplant.',
      en ? 'All events' : 'Alle Veranstaltungen', en ? 'The events cannot be shown: ' : 'Die Veranstaltungen können nicht angezeigt werden: ');
  }
  var FIELDS = 'sport kultur freizeit sozial schule kirche umwelt politik jugend_bildung rettung gesundheit beruf justiz sonstiges'.split(' ');
  var THEMES = { inherit: '', light: ':host{background:#fff;color:#1c1c1c}a{color:#1d5c8c}', dark: ':host{background:#1c1c1c;color:#f4f4f4}a{color:#9cd0ff}' };
  var theme = d.theme || 'inherit';
  var css =
    ':host{display:block;font:inherit;color:inherit;padding:.5em}.t{font-size:1.2em;margin:0 0 .4em}ul{list-style:none;margin:0;padding:0}' +
    'li{margin:0 0 .6em}a{color:inherit}a:focus-visible{outline:3px solid #ffbf47}.m{display:block;font-size:.9em}p{margin:.4em 0}' +
    (THEMES[theme] || '');

  function el(name, attrs, text) {
    var node = document.createElement(name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text) node.textContent = text;
    return node;
  }
  function fold(s) {
    return s.trim().toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
      .normalize('NFD').replace(/[\u0300-\u036f\s./-]/g, '');
  }
  function api(path) {
    return fetch(origin + '/api/v1/' + path, { credentials: 'omit', headers: { accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error(body.detail || T[8]);
        return body;
      });
    }, function () { throw new Error(T[8]); });
  }

  var host = el('div', { class: 'mitmachnetz-widget' });
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: 'open' });
  // A constructed sheet passes a strict style-src of the host page; <style> is the fallback.
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    root.appendChild(el('style', {}, css));
  }
  var level = /^[2-6]$/.test(d.headingLevel) ? d.headingLevel : '2';
  var section = el('section', { 'aria-labelledby': 't' });
  var status = el('p', { role: 'status' }, T[2]);
  section.appendChild(el('h' + level, { class: 't', id: 't' }, T[0] + (d.municipality ? T[1] + d.municipality : '')));
  section.appendChild(status);
  root.appendChild(section);

  function fail(message) {
    status.textContent = T[5] + message;
  }

  var network = d.network || '';
  var limit = d.limit ? Number(d.limit) : 5;
  var bad = !/^[a-z0-9-]{1,60}$/.test(network) ? 'network' : !(limit >= 1 && limit <= 20 && limit % 1 === 0) ? 'limit'
    : d.field && (events || FIELDS.indexOf(d.field) < 0) ? 'field' : !Object.prototype.hasOwnProperty.call(THEMES, theme) ? 'theme'
    : d.kind && d.kind !== 'offers' && !events ? 'kind' : '';
  if (bad) return fail('data-' + bad + T[7]);

  (d.municipality
    ? api('municipalities?netzwerk=' + network).then(function (body) {
        var found = body.items.filter(function (m) { return fold(m.name) === fold(d.municipality); })[0];
        if (!found) throw new Error(T[6]);
        return found.id;
      })
    : Promise.resolve(''))
    .then(function (id) {
      var query = 'netzwerk=' + network + (id ? '&kommune=' + id : '') + (d.field ? '&feld=' + d.field : '');
      return api(events ? 'events?' + query : 'offers?sort=neu&' + query).then(function (body) {
        var items = body.items.slice(0, limit);
        status.textContent = items.length ? '' : T[3];
        var list = el('ul', {});
        items.forEach(function (item) {
          if (item.url.indexOf(origin + '/') !== 0) return;
          var li = el('li', {});
          li.appendChild(el('a', { href: item.url }, item.title));
          li.appendChild(el('span', { class: 'm' }, (events
            ? [new Date(item.startsAt).toLocaleString(en ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
              item.mode === 'online' ? 'online' : [item.place, item.municipality && item.municipality.name].filter(Boolean).join(', '),
              item.status === 'cancelled' ? (en ? 'cancelled' : 'abgesagt') : '']
            : [item.municipality && item.municipality.name, item.organisation.name]).filter(Boolean).join(' · ')));
          list.appendChild(li);
        });
        if (items.length) section.insertBefore(list, status);
        var more = el('p', {});
        more.appendChild(el('a', { href: origin + '/netzwerk/' + network + (events ? '/veranstaltungen?' : '/angebote?') + query }, T[4]));
        section.appendChild(more);
      });
    })
    .catch(function (error) {
      fail(error.message);
    });
})();
