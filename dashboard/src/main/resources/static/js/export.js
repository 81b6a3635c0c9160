// Downloads an export without leaving the page, then offers its signed manifest (the export id comes
// back in a header the browser would otherwise hide from the page). Without script the form still works.
(function () {
  'use strict';
  var form = document.getElementById('export-form');
  if (!form || typeof window.fetch !== 'function') { return; }
  var progress = document.getElementById('export-progress');
  var error = document.getElementById('export-error-live');

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    progress.textContent = 'Exporting… large ranges take a while.';
    progress.hidden = false;
    form.querySelector('button[type="submit"]').disabled = true;
    var format = form.querySelector('[name="format"]').value;
    fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin',
                         headers: { Accept: 'application/x-ndjson, text/csv' } })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (!response.ok || type.indexOf('text/html') === 0) {
          return response.text().then(function (html) {
            var page = new DOMParser().parseFromString(html, 'text/html');
            var message = page.getElementById('export-error');
            throw new Error(message ? message.textContent.trim() : 'The export failed (' + response.status + ').');
          });
        }
        var exportId = response.headers.get('X-Mandate-Export-Id');
        return response.blob().then(function (blob) { return { exportId: exportId, blob: blob }; });
      })
      .then(function (result) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(result.blob);
        link.download = 'mandate-export-' + result.exportId + '.' + format;
        document.body.appendChild(link);
        link.click();
        link.remove();
        progress.textContent = 'Downloaded export ' + result.exportId + ' (' + result.blob.size + ' bytes).';
        progress.setAttribute('data-export-id', result.exportId);
        var li = document.createElement('li');
        li.className = 'export';
        li.setAttribute('data-export-id', result.exportId);
        var code = document.createElement('code');
        code.textContent = result.exportId;
        var manifest = document.createElement('a');
        manifest.className = 'manifest-link';
        manifest.href = '/export/' + encodeURIComponent(result.exportId) + '/manifest';
        manifest.textContent = 'signed manifest';
        li.appendChild(code);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(manifest);
        var list = document.getElementById('export-list');
        list.insertBefore(li, list.firstChild);
        var empty = document.getElementById('exports-empty');
        if (empty) { empty.remove(); }
      })
      .catch(function (e) { progress.hidden = true; error.textContent = e.message; error.hidden = false; })
      .finally(function () { form.querySelector('button[type="submit"]').disabled = false; });
  });
})();
