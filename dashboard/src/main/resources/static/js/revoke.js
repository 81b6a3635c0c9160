// One-click revocation: a button opens a dialog that first shows the blast radius, asks for a reason,
// then revokes (POST with the CSRF header) and lets the page update itself.
(function () {
  'use strict';
  var dialog = document.getElementById('revoke-dialog');
  if (!dialog) { return; }
  var csrf = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  var $ = function (id) { return document.getElementById(id); };
  var current = null;

  function show(id, visible) { $(id).hidden = !visible; }

  function randomKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function problem(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (response.status === 401) { return 'Your session expired. Reload the page and sign in again.'; }
      if (response.status === 403) { return 'Your role does not allow revoking.'; }
      return body.detail || ('The revocation failed (' + response.status + ').');
    });
  }

  function open(button) {
    current = { kind: button.getAttribute('data-revoke-kind'), id: button.getAttribute('data-revoke-id'),
                key: randomKey(), done: false };
    $('revoke-what').textContent = button.getAttribute('data-revoke-label');
    $('revoke-reason').value = '';
    show('revoke-loading', true); show('blast-radius', false); show('revoke-error', false); show('revoke-result', false);
    show('blast-approximate', false);
    $('revoke-confirm').disabled = true;
    $('revoke-confirm').hidden = false;
    $('revoke-cancel').textContent = 'Cancel';
    dialog.showModal();
    var base = '/revoke/' + encodeURIComponent(current.kind) + '/' + encodeURIComponent(current.id);
    fetch(base + '/blast-radius', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : problem(response).then(function (m) { throw new Error(m); }); })
      .then(function (radius) {
        $('blast-grants').textContent = radius.grants.count;
        $('blast-tokens').textContent = radius.liveTokens.count;
        $('blast-users').textContent = radius.users.count;
        $('blast-downstream').textContent = radius.downstreamClients.count;
        show('blast-approximate', !(radius.grants.exact && radius.liveTokens.exact && radius.users.exact));
        show('revoke-loading', false); show('blast-radius', true);
        $('revoke-confirm').disabled = false;
        $('revoke-reason').focus();
      })
      .catch(function (e) { show('revoke-loading', false); $('revoke-error').textContent = e.message; show('revoke-error', true); });
  }

  function confirm() {
    var reason = $('revoke-reason').value.trim();
    if (!reason) {
      $('revoke-error').textContent = 'Please say why: the reason is recorded with the revocation.';
      show('revoke-error', true);
      $('revoke-reason').focus();
      return;
    }
    show('revoke-error', false);
    $('revoke-confirm').disabled = true;
    $('revoke-result').textContent = 'Revoking, and waiting until every token issuer confirms…';
    show('revoke-result', true);
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrf && csrfHeader) { headers[csrfHeader.content] = csrf.content; }
    fetch('/revoke/' + encodeURIComponent(current.kind) + '/' + encodeURIComponent(current.id), {
      method: 'POST', headers: headers, credentials: 'same-origin',
      body: JSON.stringify({ reason: reason, key: current.key })
    }).then(function (response) {
      if (!response.ok) { return problem(response).then(function (m) { throw new Error(m); }); }
      return response.json();
    }).then(function (result) {
      current.done = true;
      var pending = result.confirmations.filter(function (c) { return !c.confirmed; }).map(function (c) { return c.where; });
      $('revoke-result').textContent = result.effective
        ? 'Revoked. In force in every token issuer and the query side (' + result.waitedMs + ' ms).'
        : 'Revoked and recorded; not yet confirmed by ' + pending.join(', ') + '.';
      $('revoke-result').setAttribute('data-effective', String(result.effective));
      $('revoke-confirm').hidden = true;
      $('revoke-cancel').textContent = 'Close';
      $('revoke-cancel').focus();
      document.dispatchEvent(new CustomEvent('mandate:revoked', { detail: result }));
    }).catch(function (e) {
      show('revoke-result', false);
      $('revoke-error').textContent = e.message; show('revoke-error', true);
      $('revoke-confirm').disabled = false;
    });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('.revoke-button');
    if (button) { open(button); }
  });
  $('revoke-confirm').addEventListener('click', confirm);
  $('revoke-cancel').addEventListener('click', function () {
    var done = current && current.done;
    dialog.close();
    // Pages without a live graph show the new state by loading again.
    if (done && !document.getElementById('chain-graph')) { window.location.reload(); }
  });
  // After a revocation the chain page keeps its graph (redrawn live) but its tables are re-read on close.
  dialog.addEventListener('close', function () {
    if (current && current.done && document.getElementById('chain-graph')) { window.location.reload(); }
  });
})();
