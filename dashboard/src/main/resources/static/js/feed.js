// The home page's live feed: server-sent events from /feed, newest on top, each event shown once.
(function () {
  'use strict';
  var section = document.getElementById('feed');
  var list = document.getElementById('feed-list');
  var status = document.getElementById('feed-status');
  if (!section || !list || typeof window.EventSource !== 'function') { return; }
  var MAX = 50;

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = value;
    return element;
  }

  function add(item) {
    if (list.querySelector('[data-event-id="' + CSS.escape(item.eventId) + '"]')) { return; }
    var li = document.createElement('li');
    li.className = 'event outcome-' + item.outcome + ' fresh';
    li.setAttribute('data-event-id', item.eventId);
    li.setAttribute('data-type', item.type);
    var time = text('time', null, item.occurredAt.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC'));
    time.setAttribute('datetime', item.occurredAt);
    li.appendChild(time);
    li.appendChild(text('span', 'badge', item.type));
    if (item.href) {
      var link = text('a', 'who', item.who || item.type);
      link.href = item.href;
      li.appendChild(link);
    } else if (item.who) {
      li.appendChild(text('span', 'who', item.who));
    }
    if (item.what) { li.appendChild(text('span', 'reason', item.what)); }
    list.insertBefore(li, list.firstChild);
    while (list.children.length > MAX) { list.removeChild(list.lastChild); }
    var empty = document.getElementById('feed-empty');
    if (empty) { empty.remove(); }
  }

  var source = new EventSource(section.getAttribute('data-feed-url'));
  source.addEventListener('hello', function () { status.textContent = 'live'; status.setAttribute('data-live', 'true'); });
  source.addEventListener('event', function (message) { add(JSON.parse(message.data)); });
  source.onerror = function () { status.textContent = 'reconnecting…'; status.setAttribute('data-live', 'false'); };
})();
