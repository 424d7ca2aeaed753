/* Inlet's admin page: the pool by state (admin API) and the status of binds and modems (event-bus bridge). */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var SILENT_MS = 30000;
  var KEY = 'inlet.adminKey';
  var sources = { binds: {}, modems: {} };
  var state = { key: sessionStorage.getItem(KEY) || '', eb: null, poll: null };
  var GOOD = ['BOUND', 'UP', 'READY', 'CONNECTED', 'REGISTERED', 'OPEN'];

  function say(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
  }

  function cell(tr, text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) { td.className = className; }
    tr.appendChild(td);
  }

  function loadPool() {
    fetch('/api/admin/numbers', { headers: { 'Authorization': 'Bearer ' + state.key } }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) { throw new Error(json.detail || ('HTTP ' + r.status)); }
        return json;
      });
    }).then(function (json) {
      var counts = json.by_state || json.states || null;
      if (!counts) {
        counts = {};
        (json.numbers || []).forEach(function (n) { var s = n.state || 'UNKNOWN'; counts[s] = (counts[s] || 0) + 1; });
      }
      var body = $('pool');
      body.innerHTML = '';
      Object.keys(counts).sort().forEach(function (s) {
        var tr = document.createElement('tr');
        cell(tr, s);
        cell(tr, counts[s]);
        body.appendChild(tr);
      });
    }).catch(function (e) { say('Pool unavailable: ' + e.message, true); });
  }

  function render(kind) {
    var body = $(kind);
    var now = Date.now();
    body.innerHTML = '';
    Object.keys(sources[kind]).sort().forEach(function (id) {
      var entry = sources[kind][id];
      if (now - entry.heard > SILENT_MS) { delete sources[kind][id]; return; }
      var s = entry.status;
      var tr = document.createElement('tr');
      cell(tr, s.id);
      cell(tr, s.state, GOOD.indexOf(String(s.state).toUpperCase()) >= 0 ? 'state-ok' : 'state-bad');
      cell(tr, s.node);
      var details = Object.keys(s).filter(function (k) { return ['id', 'state', 'node', 'updatedAt'].indexOf(k) < 0; })
        .map(function (k) { return k + ': ' + (typeof s[k] === 'object' ? JSON.stringify(s[k]) : s[k]); }).join(', ');
      cell(tr, details);
      cell(tr, s.updatedAt ? new Date(s.updatedAt).toLocaleTimeString() : '');
      body.appendChild(tr);
    });
    if (!body.firstChild) {
      var tr = document.createElement('tr');
      var td = document.createElement('td');
      td.colSpan = 5;
      td.className = 'hint';
      td.textContent = 'None heard of in the last 30 s.';
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  function connect() {
    if (state.eb) { state.eb.onclose = null; try { state.eb.close(); } catch (ignored) { /* closed */ } }
    var eb = new EventBus('/eventbus');
    state.eb = eb;
    eb.onopen = function () {
      [['inlet.status.binds', 'binds'], ['inlet.status.modems', 'modems']].forEach(function (pair) {
        eb.registerHandler(pair[0], { adminKey: state.key }, function (err, msg) {
          if (err) { say('Live status refused: check the admin key', true); return; }
          if (msg.body && msg.body.id) {
            sources[pair[1]][msg.body.id] = { status: msg.body, heard: Date.now() };
            render(pair[1]);
          }
        });
      });
      say('Connected: status updates arrive live.');
    };
    eb.onclose = function () { setTimeout(connect, 2000); };
  }

  $('key-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    state.key = $('admin-key').value.trim();
    sessionStorage.setItem(KEY, state.key);
    loadPool();
    if (state.poll) { clearInterval(state.poll); }
    state.poll = setInterval(function () { loadPool(); render('binds'); render('modems'); }, 5000);
    connect();
  });

  if (state.key) { $('admin-key').value = state.key; }
})();
