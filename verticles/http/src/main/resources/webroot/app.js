/* Inlet's web page: rent a number, follow its SMS live over the event-bus bridge, copy codes, extend, release. */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var KEY = 'inlet.apiKey';
  var state = { key: sessionStorage.getItem(KEY) || '', session: null, expiresAt: 0, eb: null, timer: null,
                seen: {}, ended: false };

  function say(text, error) {
    var s = $('status');
    s.textContent = text;
    s.className = error ? 'error' : '';
  }

  function api(method, path, body) {
    var init = { method: method, headers: { 'Authorization': 'Bearer ' + state.key } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      if (r.status === 204) { return null; }
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (!r.ok) { throw new Error(json.detail || json.title || ('HTTP ' + r.status)); }
        return json;
      });
    });
  }

  // ---- key and countries ---------------------------------------------------------------------

  function useKey(key) {
    state.key = key;
    sessionStorage.setItem(KEY, key);
    return api('GET', '/api/numbers').then(function (json) {
      var counts = {};
      json.numbers.forEach(function (n) { counts[n.country] = (counts[n.country] || 0) + 1; });
      var select = $('country');
      select.innerHTML = '';
      Object.keys(counts).sort().forEach(function (c) {
        var o = document.createElement('option');
        o.value = c;
        o.textContent = c + ' (' + counts[c] + ' free)';
        select.appendChild(o);
      });
      $('rent').disabled = select.options.length === 0;
      say(select.options.length ? 'Key accepted: choose a country.' : 'No number is free right now.');
    }).catch(function (e) { say('Cannot list numbers: ' + e.message, true); });
  }

  $('key-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    useKey($('api-key').value.trim());
  });

  // ---- renting ---------------------------------------------------------------------------------

  $('rent-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body = { country: $('country').value };
    var service = $('service').value.trim();
    if (service) { body.service = service; }
    $('rent').disabled = true;
    api('POST', '/api/rent', body).then(function (rental) {
      state.session = rental;
      state.ended = false;
      state.seen = {};
      $('messages').innerHTML = '';
      $('empty').hidden = false;
      $('number').textContent = rental.number;
      $('session').hidden = false;
      $('extend').disabled = false;
      $('release').disabled = false;
      setExpiry(rental.expires_at);
      say('Rented ' + rental.number + '. Messages appear below as they arrive.');
      connectLive(rental.ws_token);
      $('session-title').focus();
    }).catch(function (e) {
      say('Cannot rent: ' + e.message, true);
    }).then(function () { $('rent').disabled = false; });
  });

  function setExpiry(iso) {
    state.expiresAt = Date.parse(iso);
    tick();
    if (!state.timer) { state.timer = setInterval(tick, 1000); }
  }

  function tick() {
    var left = Math.max(0, Math.round((state.expiresAt - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    $('countdown').textContent = (m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s;
    if (left === 0 && state.session && !state.ended) { ended('expired'); }
  }

  // ---- live messages over the SockJS bridge ------------------------------------------------------

  function feed() { return 'inlet.session.' + state.session.session_id + '.feed'; }

  function freshToken() {
    return api('POST', '/api/ws-token', { session_id: state.session.session_id }).then(function (t) { return t.token; });
  }

  function connectLive(token) {
    if (state.eb) { state.eb.onclose = null; try { state.eb.close(); } catch (ignored) { /* closed already */ } }
    var session = state.session;
    var eb = new EventBus('/eventbus');
    state.eb = eb;
    eb.onopen = function () {
      var tokenReady = token ? Promise.resolve(token) : freshToken();
      token = null; // a token opens once: a reconnection asks for a new one
      tokenReady.then(function (t) {
        eb.registerHandler(feed(), { token: t }, function (err, msg) {
          if (err) { live(false, 'refused'); say('Live updates refused: ' + (err.body || err.message || err), true); return; }
          onFeed(msg.body);
        });
        live(true);
        backfill();
        setTimeout(backfill, 1000); // what arrived while the registration travelled
      }).catch(function (e) { say('Live updates unavailable: ' + e.message, true); });
    };
    eb.onclose = function () {
      live(false);
      if (state.session === session && !state.ended) {
        setTimeout(function () { if (state.session === session && !state.ended) { connectLive(null); } }, 2000);
      }
    };
  }

  function live(on, why) {
    var b = $('live');
    b.textContent = on ? 'live' : (why || 'reconnecting…');
    b.className = on ? 'badge on' : 'badge';
  }

  function onFeed(event) {
    if (!event) { return; }
    if (event.type === 'sms') { addMessage(event.message); }
    if (event.type === 'extended') { setExpiry(event.expires_at); }
    if (event.type === 'ended') { ended((event.reason || 'ended').toLowerCase()); }
  }

  function backfill() {
    if (!state.session) { return; }
    api('GET', '/api/messages?session_id=' + encodeURIComponent(state.session.session_id)).then(function (page) {
      page.messages.forEach(addMessage);
    }).catch(function () { /* live updates carry on */ });
  }

  function addMessage(m) {
    if (state.seen[m.id]) { return; }
    state.seen[m.id] = true;
    $('empty').hidden = true;
    var li = document.createElement('li');
    var meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = 'From ' + m.from + ' at ' + new Date(m.received_at).toLocaleTimeString();
    li.appendChild(meta);
    if (m.code) {
      var code = document.createElement('span');
      code.className = 'code';
      code.textContent = m.code;
      var copy = document.createElement('button');
      copy.type = 'button';
      copy.className = 'secondary copy-code';
      copy.textContent = 'Copy code';
      copy.setAttribute('aria-label', 'Copy code ' + m.code);
      copy.addEventListener('click', function () { copyText(m.code, 'code ' + m.code); });
      var p = document.createElement('div');
      p.appendChild(code);
      p.appendChild(copy);
      li.appendChild(p);
    }
    var text = document.createElement('p');
    text.className = 'text';
    text.textContent = m.text;
    li.appendChild(text);
    $('messages').insertBefore(li, $('messages').firstChild);
  }

  function copyText(text, what) {
    var done = function () { say('Copied ' + what + '.'); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text) ? done() : say('Copy failed', true); });
    } else if (fallbackCopy(text)) {
      done();
    } else {
      say('Copy failed: select the code by hand', true);
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (ignored) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  $('copy-number').addEventListener('click', function () { copyText(state.session.number, 'number ' + state.session.number); });

  // ---- extend and release ------------------------------------------------------------------------

  $('extend').addEventListener('click', function () {
    api('POST', '/api/extend', { session_id: state.session.session_id, seconds: 300 }).then(function (r) {
      setExpiry(r.expires_at);
      say('Extended: the number is yours until ' + new Date(r.expires_at).toLocaleTimeString() + '.');
    }).catch(function (e) { say('Cannot extend: ' + e.message, true); });
  });

  $('release').addEventListener('click', function () {
    api('POST', '/api/release', { session_id: state.session.session_id }).then(function () {
      ended('released');
    }).catch(function (e) { say('Cannot release: ' + e.message, true); });
  });

  function ended(reason) {
    if (state.ended) { return; }
    state.ended = true;
    $('extend').disabled = true;
    $('release').disabled = true;
    live(false, 'ended');
    if (state.eb) { state.eb.onclose = null; try { state.eb.close(); } catch (ignored) { /* closed already */ } }
    say('Session ended (' + reason + '). Its messages stay listed here.');
  }

  // ---- lab ---------------------------------------------------------------------------------------

  $('lab-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!state.session) { say('Rent a number first.', true); return; }
    api('POST', '/api/lab/sms', { to: state.session.number, from: $('lab-from').value, text: $('lab-text').value })
      .then(function () { say('The lab SMSC delivered the SMS.'); })
      .catch(function (e) { say('Lab SMS refused: ' + e.message, true); });
  });

  fetch('/ui-config.json').then(function (r) { return r.json(); }).then(function (c) {
    $('lab').hidden = !c.lab;
  }).catch(function () { /* no lab panel */ });

  $('session-title').tabIndex = -1;
  $('rent').disabled = true;
  if (state.key) {
    $('api-key').value = state.key;
    useKey(state.key);
  }
})();
