// The operators' page: signs in (session cookie), then polls the supervisor's JSON API every 2 s and draws the hall.
// Writes send the antiforgery token from /auth/session in the X-CSRF-Token header. No external scripts; every value
// from the API is written as text (never as HTML).
'use strict';

const ui = {
  site: null,
  serverNow: null, // the supervisor's clock (from the CDUs' telemetry ages), which may run on simulated time
  rack: null,
  historyCdu: null,
  refreshMilliseconds: 2000,
  csrfToken: null,
  user: null,
  timer: null,
};

const $ = (id) => document.getElementById(id);

// Thrown when the session has ended (401): the page goes back to the sign-in form.
class SignedOut extends Error {}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (response.status === 401) throw new SignedOut();
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${path}: ${body && body.error ? body.error : response.status + ' ' + response.statusText}`);
  return body;
}

// An element with text (or child nodes) and attributes.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

function number(value, digits = 1) {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function time(iso) {
  return iso ? new Date(iso).toISOString().substring(11, 19) : '—';
}

// A write with the session's antiforgery token; the answer's JSON body (or null) and status.
async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': ui.csrfToken },
    body: JSON.stringify(body ?? {}),
  });
  return { status: response.status, ok: response.ok, body: await response.json().catch(() => null) };
}

function replaceRows(table, rows) {
  table.tBodies[0].replaceChildren(...rows);
}

function showError(message) {
  $('error').hidden = !message;
  $('error').textContent = message || '';
}

function showNotice(message) {
  $('notice').hidden = !message;
  $('notice').textContent = message || '';
}

async function refresh() {
  try {
    const halls = await getJson('/api/halls');
    renderSites(halls);
    const health = await fetch('/health', { cache: 'no-store' }).then((r) => r.json()).catch(() => null);
    renderHealth(health);
    if (ui.site) {
      const site = encodeURIComponent(ui.site);
      const [cdus, racks, alarms] = await Promise.all([
        getJson(`/api/halls/${site}/cdus`),
        getJson(`/api/halls/${site}/racks`),
        getJson(`/api/alarms?site=${site}`),
      ]);
      renderAlarms(alarms);
      renderCdus(cdus);
      const reporting = cdus.find((c) => c.telemetryReceivedAt && c.telemetryAgeSeconds !== null);
      ui.serverNow = reporting ? Date.parse(reporting.telemetryReceivedAt) + reporting.telemetryAgeSeconds * 1000 : null;
      renderRacks(racks);
      if (ui.rack) renderGpus(await getJson(`/api/halls/${site}/racks/${encodeURIComponent(ui.rack)}/gpus`));
      if (ui.historyCdu) await refreshHistory();
    }
    $('updated').textContent = `updated ${new Date().toISOString().substring(11, 19)} UTC`;
    showError(null);
  } catch (error) {
    if (error instanceof SignedOut) showSession(await fetchSession());
    else showError(`The supervisor does not answer: ${error.message}`);
  }
}

async function fetchSession() {
  const response = await fetch('/auth/session', { cache: 'no-store' });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
  return body;
}

// Shows the hall for a signed-in session, the sign-in form otherwise.
function showSession(session) {
  ui.csrfToken = session.csrfToken;
  ui.user = session.signedIn ? session.name : null;
  $('login').hidden = session.signedIn;
  $('hall').hidden = !session.signedIn;
  $('who').hidden = !session.signedIn;
  $('user-name').textContent = session.name || '';
  $('user-role').textContent = session.role || '';
  if (session.signedIn && !ui.timer) {
    ui.timer = setInterval(refresh, ui.refreshMilliseconds);
    refresh();
  } else if (!session.signedIn) {
    clearInterval(ui.timer);
    ui.timer = null;
    showError(null);
    showNotice(null);
    $('login-name').focus();
  }
}

async function signIn(event) {
  event.preventDefault();
  const answer = await post('/auth/login', { name: $('login-name').value.trim(), password: $('login-password').value });
  $('login-password').value = '';
  $('login-error').hidden = answer.ok;
  $('login-error').textContent = answer.ok ? '' : (answer.body && answer.body.error ? answer.body.error : `sign-in failed (${answer.status})`);
  if (answer.ok) showSession(answer.body);
}

async function signOut() {
  const answer = await post('/auth/logout');
  showSession(answer.ok ? answer.body : await fetchSession());
}

function renderSites(halls) {
  const select = $('site');
  const names = halls.map((h) => h.siteId);
  if (!ui.site || !names.includes(ui.site)) ui.site = names[0] || null;
  const current = Array.from(select.options).map((o) => o.value).join('\n');
  if (current !== names.join('\n')) select.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
  if (ui.site) select.value = ui.site;
}

function renderHealth(health) {
  const badge = $('health');
  const status = health ? health.status : 'Unhealthy';
  badge.textContent = status;
  badge.className = `badge ${status}`;
  badge.title = health
    ? Object.entries(health.checks).map(([name, check]) => `${name}: ${check.status} — ${check.description || ''}`).join('\n')
    : 'the health endpoint does not answer';
}

function renderAlarms(alarms) {
  $('alarm-count').textContent = alarms.length ? `(${alarms.length})` : '';
  $('no-alarms').hidden = alarms.length > 0;
  replaceRows($('alarms'), alarms.map((a) => el('tr', { 'data-alarm': a.id },
    el('td', {}, el('span', { class: `badge ${a.severity}` }, a.severity)),
    el('td', {}, a.source),
    el('td', { title: a.code }, a.message),
    el('td', {}, a.value === null ? '—' : number(a.value)),
    el('td', {}, time(a.raisedAt)),
    el('td', { class: 'state' }, a.acknowledgedBy ? `${a.state} by ${a.acknowledgedBy}` : a.state),
    el('td', {}, a.acknowledgedAt ? '' : el('button', { type: 'button', onclick: () => acknowledge(a.id) }, 'Acknowledge')))));
}

async function acknowledge(id) {
  const answer = await post(`/api/alarms/${id}/acknowledge`);
  if (answer.status === 401) {
    showSession(await fetchSession());
    return;
  }
  // The answer to the operator's action stays until the next action (the polling does not clear it).
  showNotice(answer.ok ? null : `Alarm ${id} was not acknowledged: ${answer.body && answer.body.error ? answer.body.error : answer.status}`);
  await refresh();
}

function renderCdus(cdus) {
  replaceRows($('cdus'), cdus.map((c) => {
    const t = c.telemetry || {};
    const link = c.setpoint;
    const alarms = t.activeAlarms || [];
    return el('tr', {
      class: `selectable${c.cduId === ui.historyCdu ? ' selected' : ''}`,
      'data-cdu': c.cduId,
      onclick: () => { ui.historyCdu = c.cduId; refresh(); },
    },
      el('td', {}, c.cduId),
      el('td', { class: c.online ? '' : 'offline' }, c.online ? 'online' : 'offline'),
      el('td', {}, c.mode || '—'),
      el('td', { class: 'supply' }, number(t.supplyTemperatureCelsius)),
      el('td', {}, number(t.supplyTemperatureSetpointCelsius)),
      el('td', {}, number(t.returnTemperatureCelsius)),
      el('td', {}, number(t.valvePositionPercent, 0)),
      el('td', {}, number(t.flowLitersPerMinute, 0)),
      el('td', {}, number(t.deltaPressureKpa, 0)),
      el('td', {}, number(t.pumpSpeedPercent, 0)),
      el('td', { class: 'link' }, `${t.setpointSource || '—'} · ${link.acknowledgementStatus}`),
      el('td', {}, number(t.leaseRemainingSeconds, 0)),
      el('td', { class: alarms.length ? 'hot' : '' }, alarms.length ? alarms.join(', ') : 'none'));
  }));
}

function renderRacks(racks) {
  replaceRows($('racks'), racks.map((r) => el('tr', {
    class: `selectable${r.rackId === ui.rack ? ' selected' : ''}`,
    'data-rack': r.rackId,
    onclick: () => { ui.rack = r.rackId; refresh(); },
  },
    el('td', {}, r.rackId),
    el('td', { class: r.gpus.hottestTemperatureCelsius >= 85 ? 'hot' : '' }, number(r.gpus.hottestTemperatureCelsius)),
    el('td', {}, `#${r.gpus.hottestIndex}`),
    el('td', {}, number(r.gpus.hottestMemoryTemperatureCelsius)),
    el('td', {}, number(r.powerWatts / 1000)),
    el('td', {}, number(r.inletTemperatureCelsius)),
    el('td', {}, number(r.outletTemperatureCelsius)),
    el('td', {}, number(r.flowLitersPerMinute, 0)),
    el('td', { class: r.gpus.throttled ? 'hot' : '' }, `${r.gpus.throttled}`),
    el('td', {}, number(r.telemetryAgeSeconds)))));
}

// Blue (cool) to red (85 °C and above) for a GPU's die temperature.
function heat(celsius) {
  const f = Math.max(0, Math.min(1, (celsius - 40) / 45));
  return `hsl(${Math.round(220 - 220 * f)}, 75%, 45%)`;
}

function renderGpus(body) {
  $('gpus-section').hidden = false;
  $('gpus-rack').textContent = ui.rack;
  const gpus = Array.isArray(body) ? body : (body.gpus || []);
  $('gpus').replaceChildren(...gpus.map((g) => el('div', {
    class: `gpu${g.throttled ? ' throttled' : ''}${g.inLatestMessage === false ? ' stale' : ''}`,
    style: `border-left-color: ${heat(g.temperatureCelsius)}`,
    title: `GPU ${g.index}: ${number(g.temperatureCelsius)} °C, memory ${number(g.memoryTemperatureCelsius)} °C, ${number(g.powerWatts, 0)} W`
      + `${g.throttled ? ', throttled' : ''}${g.inLatestMessage === false ? `, not in the rack's latest message (${number(g.ageSeconds, 0)} s old)` : ''}`,
    'data-gpu': g.index,
  }, `#${g.index} ${number(g.temperatureCelsius)} °C`)));
}

async function refreshHistory() {
  const field = $('history-field').value;
  const seconds = Number($('history-span').value);
  const until = new Date((ui.serverNow ?? Date.now()) + 1000);
  const since = new Date(until.getTime() - seconds * 1000);
  const path = `/api/halls/${encodeURIComponent(ui.site)}/cdus/${encodeURIComponent(ui.historyCdu)}/history/${field}`
    + `?since=${since.toISOString()}&until=${until.toISOString()}&maxPoints=${Math.min(10000, seconds)}`; // ≤ 1 point per second of span
  const history = await getJson(path);
  $('history-title').textContent = `— ${ui.historyCdu}, ${$('history-field').selectedOptions[0].text}`;
  drawHistory(history.points);
}

// A line of the points over their own time span, with the value range and the time span labelled.
function drawHistory(points) {
  const svg = $('history');
  const ns = 'http://www.w3.org/2000/svg';
  const node = (tag, attributes, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const children = [];
  const [left, right, top, bottom] = [50, 710, 10, 195];
  if (points.length === 0) {
    children.push(node('text', { x: left, y: 100 }, 'no values in this span'));
  } else {
    const times = points.map((p) => Date.parse(p.time));
    const values = points.map((p) => p.value);
    const [t0, t1] = [Math.min(...times), Math.max(...times)];
    let [v0, v1] = [Math.min(...values), Math.max(...values)];
    if (v1 - v0 < 0.1) { v0 -= 0.05; v1 += 0.05; }
    const x = (t) => t1 === t0 ? (left + right) / 2 : left + (right - left) * (t - t0) / (t1 - t0);
    const y = (v) => bottom - (bottom - top) * (v - v0) / (v1 - v0);
    children.push(node('line', { x1: left, y1: top, x2: left, y2: bottom }), node('line', { x1: left, y1: bottom, x2: right, y2: bottom }));
    children.push(node('text', { x: 2, y: top + 10 }, number(v1, 2)), node('text', { x: 2, y: bottom }, number(v0, 2)));
    children.push(node('text', { x: left, y: 214 }, new Date(t0).toISOString().substring(11, 19)));
    children.push(node('text', { x: right - 50, y: 214 }, new Date(t1).toISOString().substring(11, 19)));
    children.push(node('polyline', { points: points.map((p, i) => `${x(times[i]).toFixed(1)},${y(values[i]).toFixed(1)}`).join(' ') }));
  }
  svg.replaceChildren(...children);
}

$('login').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('notice').addEventListener('click', () => showNotice(null));
$('site').addEventListener('change', (e) => { ui.site = e.target.value; ui.rack = null; ui.historyCdu = null; $('gpus-section').hidden = true; refresh(); });
$('history-field').addEventListener('change', () => refresh());
$('history-span').addEventListener('change', () => refresh());
fetchSession().then(showSession).catch((error) => showError(`The supervisor does not answer: ${error.message}`));
