import './style.css';
import * as api from './api.js';
import { t, lang, setLang, fmtInt, fmtPct, fmtDate, fmtTime, isoDay } from './i18n.js';
import { lineChart } from './chart.js';

const REFRESH_MS = 30_000;
const DUE_SOON_MS = 2 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

// ---- tiny DOM helper: text always through textContent, never innerHTML (no injection from API data) -----------
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

const state = {
  token: api.savedToken(),
  claims: null,
  tab: 'overview',
  from: isoDay(Date.now() - 29 * DAY_MS),
  to: isoDay(),
  agencyId: null,
  indicator: 'onTimeRate',
  sort: { overview: { key: 'onTimeRate', dir: 'ascending' }, procedures: { key: 'received', dir: 'descending' } },
  data: null, // { stats, today, series, queue, error }
  updatedAt: null,
  localMode: false,
};
let timer = null;

// ---- scope: what the role may see (the API enforces it; the board only asks for it) -------------------------------
function scopeOf(claims) {
  switch (claims?.role) {
    case 'SUPERVISOR': return { scope: 'province', id: claims.provinceCode, label: t('scopeProvince', claims.provinceCode) };
    case 'OFFICIAL': return { scope: 'agency', id: claims.agencyId, label: t('scopeAgency', claims.agencyId) };
    case 'OPERATOR': return { scope: 'national', id: null, label: t('scopeNational') };
    default: return null;
  }
}
const queueAllowed = (claims) => claims?.role === 'OFFICIAL' || claims?.role === 'SUPERVISOR';

// ---- data ---------------------------------------------------------------------------------------------------------
async function seriesFor(scope, stats) {
  if (stats?.series?.length) return stats.series;
  if (stats == null) return [];
  // No daily series in the answer: ask day by day (at most 31 days).
  const days = [];
  for (let ms = Date.parse(state.from + 'T00:00:00+07:00'); ms <= Date.parse(state.to + 'T00:00:00+07:00') && days.length < 31; ms += DAY_MS) days.push(isoDay(ms));
  const answers = await Promise.all(days.map((day) =>
    api.stats({ token: state.token, scope: scope.scope, id: scope.id, from: day, to: day, language: lang() }).catch(() => null)));
  return days.map((date, i) => ({ date, ...(answers[i]?.totals ?? {}) }));
}

async function load() {
  const scope = scopeOf(state.claims);
  const data = { stats: null, today: null, series: [], queue: null, statsMissing: false, error: null };
  try {
    const today = isoDay();
    const [stats, todayStats] = await Promise.all([
      api.stats({ token: state.token, scope: scope.scope, id: scope.id, from: state.from, to: state.to, language: lang() }),
      api.stats({ token: state.token, scope: scope.scope, id: scope.id, from: today, to: today, language: lang() }),
    ]);
    data.stats = stats;
    data.today = todayStats;
    data.statsMissing = stats == null;
    if (state.claims.role === 'OFFICIAL') state.agencyId = state.claims.agencyId;
    if (!state.agencyId && stats?.agencies?.length) state.agencyId = stats.agencies[0].id;
    const [series, queue] = await Promise.all([
      seriesFor(scope, stats),
      queueAllowed(state.claims) && state.agencyId ? api.agencyQueue({ token: state.token, agencyId: state.agencyId, language: lang() }) : null,
    ]);
    data.series = series;
    data.queue = queue;
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 401) { signOut(); return; }
    data.error = e.message;
  }
  state.data = data;
  state.updatedAt = Date.now();
}

async function refresh() {
  const status = document.getElementById('refresh-status');
  if (status) status.textContent = t('refreshing');
  await load();
  if (state.token) renderDashboard();
}

function startPolling() {
  stopPolling();
  timer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
}
function stopPolling() { if (timer) clearInterval(timer); timer = null; }

function signOut() {
  stopPolling();
  api.saveToken(null);
  state.token = null;
  state.claims = null;
  state.data = null;
  state.agencyId = null;
  render();
}

async function signIn(token) {
  const claims = api.claimsOf(token);
  if (!claims || !scopeOf(claims)) throw new Error(t('error'));
  api.saveToken(token);
  state.token = token;
  state.claims = claims;
  state.tab = claims.role === 'OFFICIAL' ? 'agency' : 'overview';
  render();
  await refresh();
  startPolling();
  document.getElementById('main')?.focus();
}

// ---- rendering ----------------------------------------------------------------------------------------------------
const app = document.getElementById('app');

/** Re-rendering every 30 s must not throw keyboard users back to the top: keep focus on the same control. */
function keepingFocus(fn) {
  const key = document.activeElement?.dataset?.focusKey;
  fn();
  if (key) document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}

function header() {
  const scope = scopeOf(state.claims);
  return h('header', { class: 'topbar' },
    h('h1', {}, t('title')),
    h('div', { class: 'topbar-actions' },
      state.claims ? h('span', { class: 'who', 'data-testid': 'who' }, t('signedInAs', t(`roles.${state.claims.role}`)), ' · ',
        h('strong', { 'data-testid': 'scope' }, scope.label)) : null,
      h('button', { type: 'button', class: 'secondary', lang: lang() === 'vi' ? 'en' : 'vi', 'aria-label': t('languageLabel'),
        'data-testid': 'lang', 'data-focus-key': 'lang',
        onclick: () => { setLang(lang() === 'vi' ? 'en' : 'vi'); render(); if (state.token) refresh(); } }, t('language')),
      state.claims ? h('button', { type: 'button', class: 'secondary', 'data-focus-key': 'signout', onclick: signOut }, t('signOut')) : null));
}

function render() {
  document.documentElement.lang = lang();
  document.title = t('title');
  app.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    header(),
    h('main', { id: 'main', tabindex: '-1' }));
  if (state.token && state.claims) renderDashboard();
  else renderSignIn();
}

function renderSignIn() {
  const main = document.getElementById('main');
  const message = h('p', { class: 'error', role: 'alert', id: 'signin-error' });
  const fail = (e) => { message.textContent = `${t('error')}: ${e.message}`; };
  const tokenForm = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); signIn(e.target.token.value.trim()).catch(fail); } },
    h('h2', {}, t('signIn')), h('p', {}, t('signInIntro')),
    h('label', { for: 'token' }, t('token')),
    h('textarea', { id: 'token', name: 'token', rows: 3, required: true, autocomplete: 'off', spellcheck: 'false' }),
    h('button', { type: 'submit' }, t('useToken')));
  const roleSelect = h('select', { id: 'role', name: 'role', 'data-testid': 'role' },
    ['SUPERVISOR', 'OFFICIAL', 'OPERATOR'].map((r) => h('option', { value: r }, t(`roles.${r}`))));
  const province = h('input', { id: 'province', name: 'province', value: '01', inputmode: 'numeric', pattern: '[0-9]{2}', size: 4 });
  const agency = h('input', { id: 'agency', name: 'agency', value: 'X00004.UBND', size: 16 });
  const provinceField = h('div', { class: 'field' }, h('label', { for: 'province' }, t('provinceCode')), province);
  const agencyField = h('div', { class: 'field' }, h('label', { for: 'agency' }, t('agencyId')), agency);
  const showFields = () => {
    provinceField.hidden = roleSelect.value !== 'SUPERVISOR';
    agencyField.hidden = roleSelect.value !== 'OFFICIAL';
  };
  roleSelect.addEventListener('change', showFields);
  showFields();
  const localForm = h('form', { class: 'card', id: 'local-signin', hidden: !state.localMode,
    onsubmit: (e) => {
      e.preventDefault();
      const role = roleSelect.value;
      api.localToken({ role, provinceCode: role === 'SUPERVISOR' ? province.value.trim() : null, agencyId: role === 'OFFICIAL' ? agency.value.trim() : null })
        .then(signIn).catch(fail);
    } },
  h('h2', {}, t('localTitle')), h('p', {}, t('localIntro')),
  h('div', { class: 'field' }, h('label', { for: 'role' }, t('role')), roleSelect),
  provinceField, agencyField,
  h('button', { type: 'submit', 'data-testid': 'local-signin' }, t('getToken')));
  main.replaceChildren(h('div', { class: 'signin' }, localForm, tokenForm), message);
}

function periodForm() {
  return h('form', { class: 'period', 'aria-label': t('period'),
    onsubmit: (e) => { e.preventDefault(); state.from = e.target.from.value; state.to = e.target.to.value; refresh(); } },
  h('div', { class: 'field' }, h('label', { for: 'from' }, t('from')), h('input', { type: 'date', id: 'from', name: 'from', value: state.from, max: state.to, required: true })),
  h('div', { class: 'field' }, h('label', { for: 'to' }, t('to')), h('input', { type: 'date', id: 'to', name: 'to', value: state.to, required: true })),
  h('button', { type: 'submit', 'data-focus-key': 'apply' }, t('apply')));
}

function tabs() {
  const names = ['overview', 'agency', 'procedures', 'trend'];
  return h('nav', { class: 'tabs', 'aria-label': t('scope') }, names.map((name) =>
    h('button', { type: 'button', class: 'tab', 'aria-current': state.tab === name ? 'page' : null, 'data-tab': name, 'data-focus-key': `tab-${name}`,
      onclick: () => { state.tab = name; renderDashboard(); } }, t(`tabs.${name}`))));
}

function renderDashboard() {
  const main = document.getElementById('main');
  if (!main) return;
  const d = state.data;
  keepingFocus(() => {
    const notices = [];
    if (d?.statsMissing) notices.push(h('p', { class: 'notice', role: 'status' }, t('statsUnavailable')));
    if (d?.error) notices.push(h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${d.error}`));
    const body = !d ? h('p', {}, t('refreshing'))
      : state.tab === 'overview' ? overview(d)
        : state.tab === 'agency' ? agencyView(d)
          : state.tab === 'procedures' ? proceduresView(d)
            : trendView(d);
    main.replaceChildren(
      h('div', { class: 'toolbar' }, periodForm(),
        h('p', { id: 'refresh-status', class: 'muted', role: 'status', 'aria-live': 'polite' }, state.updatedAt ? t('updated', fmtTime(state.updatedAt)) : '')),
      tabs(), ...notices, h('section', { class: 'view', 'data-testid': `view-${state.tab}` }, body));
  });
}

// ---- sortable table -----------------------------------------------------------------------------------------------
function sortableTable({ id, caption, columns, rows, sortState, rowKey, rowAttrs }) {
  const { key, dir } = sortState;
  const column = columns.find((c) => c.key === key) ?? columns[0];
  const sorted = [...rows].sort((a, b) => {
    const va = column.value(a); const vb = column.value(b);
    if (va == null && vb == null) return 0;
    if (va == null) return 1; // unknowns last in both directions
    if (vb == null) return -1;
    const c = typeof va === 'string' ? va.localeCompare(vb, 'vi') : va - vb;
    return dir === 'ascending' ? c : -c;
  });
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', 'aria-sort': c.key === column.key ? dir : 'none', class: c.numeric ? 'num' : null },
    h('button', { type: 'button', class: 'sort', 'data-focus-key': `${id}-sort-${c.key}`, title: t('sortBy', c.label),
      onclick: () => {
        sortState.dir = sortState.key === c.key && sortState.dir === 'ascending' ? 'descending' : 'ascending';
        sortState.key = c.key;
        renderDashboard();
      } }, c.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, c.key === column.key ? (dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕')))));
  const body = sorted.length ? sorted.map((r) => h('tr', { 'data-key': rowKey(r), ...(rowAttrs?.(r) ?? {}) },
    columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null }, c.render ? c.render(r) : c.value(r)))))
    : [h('tr', {}, h('td', { colspan: columns.length }, t('noRows')))];
  return h('div', { class: 'table-wrap' }, h('table', { id }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, body)));
}

function warningBadge(row) {
  return row.warning ? h('span', { class: 'badge warn', title: row.warningReason ?? t('warning') }, '⚠ ', t('warningBadge')) : null;
}

function kpiCards(totals, today) {
  const cards = [
    ['onTimeRate', fmtPct(totals?.onTimeRate)],
    ['overdueNow', fmtInt(totals?.overdueNow)],
    ['receivedToday', fmtInt(today?.received)],
    ['onlineShare', fmtPct(totals?.onlineShare)],
    ['satisfaction', fmtPct(totals?.satisfaction)],
  ];
  return h('section', { class: 'kpis', 'aria-label': t('kpis') }, cards.map(([k, v]) =>
    h('div', { class: `kpi${k === 'overdueNow' && totals?.overdueNow > 0 ? ' alert' : ''}`, 'data-testid': `kpi-${k}` }, h('span', { class: 'kpi-label' }, t(k)), h('span', { class: 'kpi-value' }, v))));
}

function overview(d) {
  const todayById = new Map((d.today?.agencies ?? []).map((r) => [r.id, r]));
  const rows = (d.stats?.agencies ?? []).map((r) => ({ ...r, receivedToday: todayById.get(r.id)?.received ?? 0 }));
  const columns = [
    { key: 'id', label: t('agency'), value: (r) => r.name ?? r.id, render: (r) => h('span', {}, r.name ? `${r.name} (${r.id})` : r.id, ' ', warningBadge(r)) },
    { key: 'onTimeRate', label: t('onTimeRate'), numeric: true, value: (r) => r.onTimeRate, render: (r) => fmtPct(r.onTimeRate) },
    { key: 'overdueNow', label: t('overdueNow'), numeric: true, value: (r) => r.overdueNow, render: (r) => fmtInt(r.overdueNow) },
    { key: 'receivedToday', label: t('receivedToday'), numeric: true, value: (r) => r.receivedToday, render: (r) => fmtInt(r.receivedToday) },
    { key: 'onlineShare', label: t('onlineShare'), numeric: true, value: (r) => r.onlineShare, render: (r) => fmtPct(r.onlineShare) },
    { key: 'satisfaction', label: t('satisfaction'), numeric: true, value: (r) => r.satisfaction, render: (r) => fmtPct(r.satisfaction) },
    { key: 'warning', label: t('warning'), value: (r) => (r.warning ? 1 : 0), render: (r) => (r.warning ? t('warningBadge') : '–') },
  ];
  return h('div', {}, kpiCards(d.stats?.totals, d.today?.totals),
    sortableTable({ id: 'overview-table', caption: `${t('tabs.overview')} · ${fmtDate(state.from)} – ${fmtDate(state.to)}`, columns, rows,
      sortState: state.sort.overview, rowKey: (r) => r.id, rowAttrs: (r) => (r.warning ? { class: 'row-warn' } : {}) }));
}

function dossierTable(id, caption, items, emptyText) {
  const now = Date.now();
  const head = h('tr', {}, [t('code'), t('procedure'), t('status'), t('dueAt'), t('apology')].map((c) => h('th', { scope: 'col' }, c)));
  const rows = items.length ? items.map((x) => h('tr', { 'data-code': x.code, class: x.overdue ? 'row-overdue' : null },
    h('th', { scope: 'row' }, x.code, ' ',
      x.overdue ? h('span', { class: 'badge overdue', 'data-testid': 'overdue-badge' }, t('overdueBadge'))
        : x.dueAt != null && x.dueAt - now < DUE_SOON_MS ? h('span', { class: 'badge soon' }, t('dueSoonBadge')) : null),
    h('td', {}, x.procedureCode ?? '–'),
    h('td', {}, x.statusText),
    h('td', {}, fmtDate(x.dueAt)),
    h('td', {}, x.overdue || x.apology.issued ? (x.apology.issued ? t('apologyIssued', x.apology.newDueAt ? fmtDate(x.apology.newDueAt) : null) : t('apologyMissing')) : '–')))
    : [h('tr', {}, h('td', { colspan: 5 }, emptyText))];
  return h('div', { class: 'table-wrap' }, h('table', { id }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, rows)));
}

function agencyView(d) {
  if (!queueAllowed(state.claims)) return h('p', { class: 'notice' }, t('agencyNotAllowed'));
  const parts = [];
  if (state.claims.role === 'SUPERVISOR') {
    const known = (d.stats?.agencies ?? []).map((r) => r.id);
    parts.push(h('form', { class: 'period', onsubmit: (e) => { e.preventDefault(); state.agencyId = e.target.agency.value.trim(); refresh(); } },
      h('div', { class: 'field' }, h('label', { for: 'agency-pick' }, t('chooseAgency')),
        h('input', { id: 'agency-pick', name: 'agency', list: 'agency-list', value: state.agencyId ?? '', required: true, size: 16 }),
        h('datalist', { id: 'agency-list' }, known.map((a) => h('option', { value: a })))),
      h('button', { type: 'submit', 'data-focus-key': 'agency-show' }, t('show'))));
  }
  if (!state.agencyId || !d.queue) return h('div', {}, parts);
  const overdue = d.queue.filter((x) => x.overdue);
  const now = Date.now();
  const soon = d.queue.filter((x) => !x.overdue && x.dueAt != null && x.dueAt - now < DUE_SOON_MS);
  parts.push(h('h2', {}, t('queueTitle', state.agencyId)),
    h('div', { class: 'grid2' },
      dossierTable('overdue-table', `${t('overdueList')} (${fmtInt(overdue.length)})`, overdue, t('noDossiers')),
      dossierTable('due-soon-table', `${t('dueSoonList')} (${fmtInt(soon.length)})`, soon, t('noDossiers'))),
    dossierTable('queue-table', `${t('workQueue')} (${fmtInt(d.queue.length)})`, d.queue, t('noDossiers')));
  return h('div', {}, parts);
}

function proceduresView(d) {
  const columns = [
    { key: 'id', label: t('procedure'), value: (r) => r.name ?? r.id, render: (r) => (r.name ? `${r.name} (${r.id})` : r.id) },
    { key: 'received', label: t('received'), numeric: true, value: (r) => r.received, render: (r) => fmtInt(r.received) },
    { key: 'completed', label: t('completed'), numeric: true, value: (r) => (r.completedOnTime ?? 0) + (r.completedLate ?? 0), render: (r) => fmtInt((r.completedOnTime ?? 0) + (r.completedLate ?? 0)) },
    { key: 'onTimeRate', label: t('onTimeRate'), numeric: true, value: (r) => r.onTimeRate, render: (r) => fmtPct(r.onTimeRate) },
    { key: 'overdueNow', label: t('overdueNow'), numeric: true, value: (r) => r.overdueNow, render: (r) => fmtInt(r.overdueNow) },
  ];
  return sortableTable({ id: 'procedures-table', caption: `${t('tabs.procedures')} · ${fmtDate(state.from)} – ${fmtDate(state.to)}`,
    columns, rows: d.stats?.procedures ?? [], sortState: state.sort.procedures, rowKey: (r) => r.id });
}

const INDICATORS = {
  onTimeRate: { format: fmtPct, max: 1 },
  overdueNow: { format: fmtInt },
  received: { format: fmtInt },
  onlineShare: { format: fmtPct, max: 1 },
  satisfaction: { format: fmtPct, max: 1 },
};

function trendView(d) {
  const select = h('select', { id: 'indicator', 'data-focus-key': 'indicator', onchange: (e) => { state.indicator = e.target.value; renderDashboard(); } },
    Object.keys(INDICATORS).map((k) => h('option', { value: k, selected: k === state.indicator }, t(k))));
  const spec = INDICATORS[state.indicator];
  const points = d.series.map((p) => ({ label: fmtDate(p.date).slice(0, 5), value: p[state.indicator] ?? null }));
  const known = points.filter((p) => p.value != null);
  return h('div', {},
    h('div', { class: 'field inline' }, h('label', { for: 'indicator' }, t('indicator')), select),
    h('h2', {}, t('trendTitle', t(state.indicator))),
    known.length ? h('figure', { class: 'chart-box' }, lineChart(points, { title: t('trendTitle', t(state.indicator)), format: spec.format, max: spec.max }),
      h('figcaption', { class: 'muted' }, `${fmtDate(state.from)} – ${fmtDate(state.to)}`)) : h('p', {}, t('trendEmpty')));
}

// ---- start ----------------------------------------------------------------------------------------------------------
state.claims = state.token ? api.claimsOf(state.token) : null;
if (state.claims?.expiresAt && state.claims.expiresAt < Date.now()) signOut();
render();
api.localModeAvailable().then((local) => {
  state.localMode = local;
  const form = document.getElementById('local-signin');
  if (form) form.hidden = !local;
});
if (state.token && state.claims) refresh().then(startPolling);
