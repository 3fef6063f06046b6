// Progressive enhancement of the search form (/angebote): the plain GET form works without this file.
// With it, a changed filter updates the results and counts in place, and "use my location" fills lat/lng.
(function () {
  'use strict';
  var form = document.getElementById('suche');
  if (!form || !window.fetch || !window.DOMParser || !window.history) return;
  document.documentElement.classList.add('js');
  var pending = null;

  function queryOf() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === 'string' && value.trim() !== '') params.append(key, value);
    });
    return params.toString();
  }

  function replace(doc, id) {
    var fresh = doc.getElementById(id);
    var old = document.getElementById(id);
    if (fresh && old) old.replaceWith(fresh);
  }

  function update(push) {
    var query = queryOf();
    var url = form.getAttribute('action') + (query ? '?' + query : '');
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { accept: 'text/html' }, signal: pending.signal, credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var filter = document.getElementById('filter');
        var wasOpen = filter && filter.open;
        var status = document.getElementById('trefferzahl');
        var freshStatus = doc.getElementById('trefferzahl');
        var freshFilters = doc.querySelector('#filter .filter-groups');
        var oldFilters = document.querySelector('#filter .filter-groups');
        if (freshFilters && oldFilters) oldFilters.replaceWith(freshFilters);
        var results = document.getElementById('ergebnisse');
        var freshResults = doc.getElementById('ergebnisse');
        if (results && freshResults) {
          // Keep the live region element itself so screen readers announce its new text.
          if (status && freshStatus) {
            freshStatus.replaceWith(status);
            status.textContent = freshStatus.textContent;
          }
          results.replaceWith(freshResults);
        }
        replace(doc, 'speichern');
        replace(doc, 'filter-treffer');
        if (filter && wasOpen) document.getElementById('filter').open = true;
        if (push) history.pushState(null, '', url);
      })
      .catch(function (error) {
        if (leaving || (error && error.name === 'AbortError')) return;
        window.location.href = url;
      })
      .finally(function () { form.removeAttribute('aria-busy'); });
  }

  // A submitted form loads the page itself: the update under way is dropped, and a fetch the browser
  // cancels while leaving must not send it to the update's address as well.
  var leaving = false;
  form.addEventListener('submit', function () {
    leaving = true;
    if (pending) pending.abort();
  });
  window.addEventListener('pageshow', function () { leaving = false; });

  form.addEventListener('change', function (event) {
    var target = event.target;
    if (!target || target.type === 'search' || target.type === 'text') return;
    update(true);
  });
  window.addEventListener('popstate', function () { window.location.reload(); });

  var button = document.getElementById('standort');
  if (button && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.namedItem('lat').value = position.coords.latitude.toFixed(4);
          form.elements.namedItem('lng').value = position.coords.longitude.toFixed(4);
          form.elements.namedItem('ort').value = '';
          form.submit();
        },
        function () {
          var hint = document.getElementById('f-ort-hint');
          if (hint) hint.textContent = button.getAttribute('data-failed');
        },
        { timeout: 10000, maximumAge: 600000 },
      );
    });
  }
  // A typed place replaces an earlier browser position.
  var place = form.elements.namedItem('ort');
  if (place) {
    place.addEventListener('input', function () {
      form.elements.namedItem('lat').value = '';
      form.elements.namedItem('lng').value = '';
    });
  }
})();
