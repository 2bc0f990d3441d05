import * as api from './api.js';
import { t, lang, setLang, fmtInt, fmtPct, fmtDecimal, fmtDate, fmtTime, isoDay } from './i18n.js';
import { lineChart } from './chart.js';

// Near real time by polling: two or three small requests per open board every 30 s (the stats are live reads of
// counters, nothing to push). ?refresh=N (seconds, >= 5) for wall screens and tests.
const REFRESH_S = Math.max(5, Number(new URLSearchParams(location.search).get('refresh')) || 30);
const DUE_SOON_MS = 2 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const ROLES = ['SUPERVISOR', 'OFFICIAL', 'OPERATOR'];

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
  province: '', // operator's optional province filter
  agencyId: null, // the queue on the agency view
  indicator: 'onTimeRate',
  sort: { overview: { key: null, dir: 'ascending' }, procedures: { key: null, dir: 'ascending' } },
  data: null,
  updatedAt: null,
  localMode: false,
};
let timer = null;
let generation = 0; // answers of an older refresh (before a sign-out or a new period) are dropped

// ---- what the role may see: the API enforces it; the board only asks for it and shows the API's answer ------------
const tabsFor = (role) => ({
  SUPERVISOR: ['overview', 'agency', 'procedures', 'trend'],
  OFFICIAL: ['agency', 'procedures', 'trend'],
  OPERATOR: ['overview', 'procedures', 'trend'],
})[role] ?? [];

/** The scope parameter for GET /stats: none (the caller's own scope) except an operator's chosen province. */
const statsScope = () => (state.claims?.role === 'OPERATOR' && state.province ? { kind: 'province', code: state.province } : null);

function scopeLabel() {
  const s = state.data?.stats?.scope;
  if (s?.name) return s.resolvedFrom ? `${s.name} ${t('resolvedFrom', s.resolvedFrom)}` : s.name;
  switch (state.claims?.role) {
    case 'SUPERVISOR': return t('scopeProvince', state.claims.provinceCode);
    case 'OFFICIAL': return t('scopeAgency', state.claims.agencyId);
    default: return state.province ? t('scopeProvince', state.province) : t('scopeCountry');
  }
}

const agencyOfCommune = (communeCode) => `X${communeCode}.UBND`;

// ---- data ---------------------------------------------------------------------------------------------------------
const BY_TAB = { overview: 'commune', procedures: 'procedure', trend: 'day' };

async function load() {
  const mine = generation;
  const role = state.claims.role;
  const by = BY_TAB[state.tab] ?? (role === 'SUPERVISOR' ? 'agency' : 'procedure');
  const today = isoDay();
  const scope = statsScope();
  const common = { token: state.token, scope, language: lang() };
  const data = { stats: null, today: null, queue: null, statsMissing: false, error: null };
  try {
    if (role === 'OFFICIAL') state.agencyId = state.claims.agencyId;
    const wantsQueue = state.tab === 'agency' && role !== 'OPERATOR';
    const [stats, todayStats] = await Promise.all([
      api.stats({ ...common, from: state.from, to: state.to, by }),
      api.stats({ ...common, from: today, to: today, by: state.tab === 'overview' ? 'commune' : 'day' }),
    ]);
    // a supervisor's queue defaults to the agency ranked worst (rows come worst first)
    if (wantsQueue && !state.agencyId && by === 'agency' && stats?.rows?.length) state.agencyId = stats.rows[0].key;
    data.queue = wantsQueue && state.agencyId
      ? await api.agencyQueue({ token: state.token, agencyId: state.agencyId, language: lang() }) : null;
    Object.assign(data, { stats, today: todayStats, statsMissing: stats == null });
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 401) { signOut(); return false; }
    data.error = e.message;
  }
  if (mine !== generation) return false;
  state.data = data;
  state.updatedAt = Date.now();
  return true;
}

async function refresh() {
  const status = document.getElementById('refresh-status');
  if (status) status.textContent = t('refreshing');
  if (await load()) renderDashboard();
}

function startPolling() {
  stopPolling();
  timer = setInterval(() => { if (!document.hidden && state.token) refresh(); }, REFRESH_S * 1000);
}
function stopPolling() { if (timer) clearInterval(timer); timer = null; }

function signOut() {
  stopPolling();
  generation++;
  api.saveToken(null);
  Object.assign(state, { token: null, claims: null, data: null, agencyId: null, province: '' });
  render();
}

async function signIn(token) {
  const claims = api.claimsOf(token);
  if (!claims || !ROLES.includes(claims.role)) throw new Error(t('roleNotAllowed'));
  generation++;
  api.saveToken(token);
  Object.assign(state, { token, claims, data: null, agencyId: null, tab: tabsFor(claims.role)[0] });
  render();
  document.getElementById('main')?.focus();
  await refresh();
  startPolling();
}

function switchTab(name) {
  state.tab = name; // the view shows the previous answer only where it fits (rows carry their 'by'), then refreshes
  renderDashboard();
  refresh();
}

// ---- rendering ----------------------------------------------------------------------------------------------------
const app = document.getElementById('app');

/** Re-rendering every poll must not throw keyboard users back to the top: keep focus on the same control. */
function keepingFocus(fn) {
  const key = document.activeElement?.dataset?.focusKey;
  fn();
  if (key) document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}

function header() {
  return h('header', { class: 'topbar' },
    h('h1', {}, t('title')),
    h('div', { class: 'topbar-actions' },
      state.claims ? h('span', { class: 'who', 'data-testid': 'who' }, t('signedInAs', t(`roles.${state.claims.role}`)), ' · ',
        h('strong', { 'data-testid': 'scope' }, scopeLabel())) : null,
      h('button', { type: 'button', class: 'secondary', lang: lang() === 'vi' ? 'en' : 'vi', 'aria-label': t('languageLabel'),
        'data-testid': 'lang', 'data-focus-key': 'lang',
        onclick: () => { setLang(lang() === 'vi' ? 'en' : 'vi'); render(); if (state.token) refresh(); } }, t('language')),
      state.claims ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'signout', 'data-focus-key': 'signout', onclick: signOut }, t('signOut')) : null));
}

function render() {
  document.documentElement.lang = lang();
  document.title = t('title');
  keepingFocus(() => app.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    header(),
    h('main', { id: 'main', tabindex: '-1' })));
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
    ROLES.map((r) => h('option', { value: r }, t(`roles.${r}`))));
  const province = h('input', { id: 'province', name: 'province', value: '01', inputmode: 'numeric', pattern: '[0-9]{2}', size: 4, 'data-testid': 'province' });
  const agency = h('input', { id: 'agency', name: 'agency', value: 'X00004.UBND', size: 16, 'data-testid': 'agency' });
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
  const operator = state.claims.role === 'OPERATOR';
  return h('form', { class: 'period', 'aria-label': t('period'),
    onsubmit: (e) => {
      e.preventDefault();
      const from = parseVnDate(e.target.from.value);
      const to = parseVnDate(e.target.to.value);
      const problem = !from || !to ? 'dateFormat' : from > to ? 'dateOrder' : null;
      e.target.from.setCustomValidity(problem ? t(problem) : '');
      if (problem) { e.target.from.reportValidity(); return; }
      state.from = from;
      state.to = to;
      if (operator) state.province = e.target.provinceFilter.value.trim();
      generation++;
      refresh();
    } },
  dateField('from', state.from),
  dateField('to', state.to),
  operator ? h('div', { class: 'field' }, h('label', { for: 'provinceFilter' }, t('provinceFilter')),
    h('input', { id: 'provinceFilter', name: 'provinceFilter', value: state.province, inputmode: 'numeric', pattern: '[0-9]{2}', size: 4, 'data-testid': 'province-filter' })) : null,
  h('button', { type: 'submit', 'data-focus-key': 'apply' }, t('apply')));
}

/** Dates are typed as dd/mm/yyyy (native pickers follow the browser's locale, not the Vietnamese format). */
function dateField(name, iso) {
  return h('div', { class: 'field' }, h('label', { for: name }, t(name), h('span', { class: 'hint', id: `${name}-hint` }, ` (${t('dateHint')})`)),
    h('input', { type: 'text', id: name, name, value: fmtDate(iso), required: true, inputmode: 'numeric', size: 10, autocomplete: 'off',
      pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', 'aria-describedby': `${name}-hint`, 'data-testid': `period-${name}`,
      oninput: (e) => e.target.setCustomValidity('') }));
}

/** "23/11/2026" -> "2026-11-23"; null when not a real date. */
function parseVnDate(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text ?? '');
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

function tabs() {
  return h('nav', { class: 'tabs', 'aria-label': t('views') }, tabsFor(state.claims.role).map((name) =>
    h('button', { type: 'button', class: 'tab', 'aria-current': state.tab === name ? 'page' : null, 'data-tab': name, 'data-focus-key': `tab-${name}`,
      onclick: () => switchTab(name) }, t(`tabs.${name}`))));
}

function renderDashboard() {
  const main = document.getElementById('main');
  if (!main) return;
  const who = document.querySelector('[data-testid="scope"]');
  if (who) who.textContent = scopeLabel();
  const d = state.data;
  keepingFocus(() => {
    const notices = [];
    if (d?.statsMissing) notices.push(h('p', { class: 'notice', role: 'status' }, t('statsUnavailable')));
    if (d?.error) notices.push(h('p', { class: 'error', role: 'alert', 'data-testid': 'error' }, `${t('error')}: ${d.error}`));
    const body = !d ? h('p', {}, t('refreshing'))
      : state.tab === 'overview' ? overview(d)
        : state.tab === 'agency' ? agencyView(d)
          : state.tab === 'procedures' ? proceduresView(d)
            : trendView(d);
    main.replaceChildren(...[
      h('div', { class: 'toolbar' }, periodForm(),
        // visible, but not a live region: a screen reader would otherwise announce it every 30 s
        h('p', { id: 'refresh-status', class: 'muted', 'data-testid': 'updated' },
          state.updatedAt ? t('updated', fmtTime(state.updatedAt), REFRESH_S) : '')),
      d?.stats ? kpiCards(d.stats.totals, d.today?.totals) : null,
      tabs(),
      ...notices, h('section', { class: 'view', 'data-testid': `view-${state.tab}`, 'aria-label': t(`tabs.${state.tab}`) }, body)].filter(Boolean));
  });
}

// ---- sortable table -----------------------------------------------------------------------------------------------
function sortableTable({ id, caption, columns, rows, sortState, rowKey, rowAttrs }) {
  const { key, dir } = sortState;
  const column = columns.find((c) => c.key === key && c.value);
  // no column chosen: the API's order (the ranking: worst first)
  const sorted = !column ? rows : [...rows].sort((a, b) => {
    const va = column.value(a); const vb = column.value(b);
    if (va == null && vb == null) return 0;
    if (va == null) return 1; // unknowns last in both directions
    if (vb == null) return -1;
    const c = typeof va === 'string' ? va.localeCompare(vb, 'vi') : va - vb;
    return dir === 'ascending' ? c : -c;
  });
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', 'aria-sort': column && c.key === column.key ? dir : null, class: c.numeric ? 'num' : null },
    !c.value ? h('span', { class: 'visually-hidden' }, c.label) : h('button', { type: 'button', class: 'sort', 'data-focus-key': `${id}-sort-${c.key}`, 'data-sort': c.key, title: t('sortBy', c.label),
      onclick: () => {
        sortState.dir = sortState.key === c.key && sortState.dir === 'ascending' ? 'descending' : 'ascending';
        sortState.key = c.key;
        renderDashboard();
      } }, c.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, column && c.key === column.key ? (dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕')))));
  const body = sorted.length ? sorted.map((r) => h('tr', { 'data-key': rowKey(r), ...(rowAttrs?.(r) ?? {}) },
    columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null }, c.render ? c.render(r) : c.value(r)))))
    : [h('tr', {}, h('td', { colspan: columns.length }, t('noRows')))];
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { id }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, body)));
}

const WARNING_ORDER = { ALERT: 2, WATCH: 1, NONE: 0 };
function warningBadge(level) {
  if (level !== 'ALERT' && level !== 'WATCH') return h('span', { class: 'muted' }, t('warnings.NONE'));
  return h('span', { class: `badge ${level.toLowerCase()}`, title: t(`warningHelp.${level}`), 'data-testid': `warning-${level}` },
    level === 'ALERT' ? '▲ ' : '● ', t(`warnings.${level}`));
}
const fmtSatisfaction = (v) => (v == null ? '–' : t('satisfactionValue', fmtDecimal(v)));

function kpiCards(totals, today) {
  const cards = [
    ['onTimeRate', fmtPct(totals?.onTimeRate)],
    ['overdueNow', fmtInt(totals?.overdueNow)],
    ['dueSoon', fmtInt(totals?.dueSoon)],
    ['receivedToday', fmtInt(today?.received)],
    ['onlineRate', fmtPct(totals?.onlineRate)],
    ['satisfaction', fmtSatisfaction(totals?.satisfaction)],
  ];
  return h('section', { class: 'kpis', 'aria-label': `${t('kpis')} · ${fmtDate(state.from)} – ${fmtDate(state.to)}` }, cards.map(([k, v]) =>
    h('div', { class: `kpi${k === 'overdueNow' && totals?.overdueNow > 0 ? ' alert' : ''}`, 'data-testid': `kpi-${k}` },
      h('span', { class: 'kpi-label' }, t(k)), h('span', { class: 'kpi-value' }, v))));
}

const nameAndKey = (r) => (r.name ? `${r.name} (${r.key})` : r.key);

function overview(d) {
  const todayByKey = new Map((d.today?.rows ?? []).map((r) => [r.key, r]));
  const rows = (d.stats?.rows ?? []).map((r) => ({ ...r, receivedToday: todayByKey.get(r.key)?.received ?? 0 }));
  const supervisor = state.claims.role === 'SUPERVISOR';
  const columns = [
    { key: 'name', label: t('unit'), value: (r) => r.name ?? r.key, render: nameAndKey },
    { key: 'warning', label: t('warning'), value: (r) => WARNING_ORDER[r.warning], render: (r) => warningBadge(r.warning) },
    { key: 'onTimeRate', label: t('onTimeRate'), numeric: true, value: (r) => r.onTimeRate, render: (r) => fmtPct(r.onTimeRate) },
    // an overdue count stands out whatever the warning level (the level also weighs the on-time rate)
    { key: 'overdueNow', label: t('overdueNow'), numeric: true, value: (r) => r.overdueNow,
      render: (r) => (r.overdueNow > 0 ? h('strong', { class: 'count-bad' }, fmtInt(r.overdueNow)) : fmtInt(r.overdueNow)) },
    { key: 'dueSoon', label: t('dueSoon'), numeric: true, value: (r) => r.dueSoon,
      render: (r) => (r.dueSoon > 0 ? h('strong', { class: 'count-warn' }, fmtInt(r.dueSoon)) : fmtInt(r.dueSoon)) },
    { key: 'receivedToday', label: t('receivedToday'), numeric: true, value: (r) => r.receivedToday, render: (r) => fmtInt(r.receivedToday) },
    { key: 'onlineRate', label: t('onlineRate'), numeric: true, value: (r) => r.onlineRate, render: (r) => fmtPct(r.onlineRate) },
    { key: 'satisfaction', label: t('satisfaction'), numeric: true, value: (r) => r.satisfaction, render: (r) => fmtSatisfaction(r.satisfaction) },
  ];
  if (supervisor) {
    columns.push({ key: 'open', label: t('openQueue'), render: (r) => h('button', { type: 'button', class: 'link', 'aria-label': t('openQueueLabel', r.name ?? r.key),
      'data-focus-key': `open-${r.key}`, onclick: () => { state.agencyId = agencyOfCommune(r.key); switchTab('agency'); } }, t('openQueue')) });
  }
  return sortableTable({ id: 'overview-table', caption: `${t('tabs.overview')} · ${scopeLabel()} · ${fmtDate(state.from)} – ${fmtDate(state.to)}`, columns, rows,
    sortState: state.sort.overview, rowKey: (r) => r.key, rowAttrs: (r) => ({ class: r.warning === 'ALERT' ? 'row-alert' : r.warning === 'WATCH' ? 'row-watch' : null, 'data-warning': r.warning }) });
}

function dossierTable(id, caption, items, emptyText) {
  const now = Date.now();
  const head = h('tr', {}, [t('code'), t('procedure'), t('commune'), t('status'), t('dueAt'), t('apology')].map((c) => h('th', { scope: 'col' }, c)));
  const apologyCell = (x) => {
    if (x.apology.issued) return h('span', { class: 'apology-sent', 'data-testid': 'apology-sent' }, t('apologyIssued', x.apology.newDueAt ? fmtDate(x.apology.newDueAt) : null));
    return x.overdue ? h('span', { class: 'apology-missing', 'data-testid': 'apology-missing' }, t('apologyMissing')) : '–';
  };
  const rows = items.length ? items.map((x) => h('tr', { 'data-code': x.code, class: x.overdue ? 'row-overdue' : null },
    h('th', { scope: 'row' }, h('span', { class: 'code' }, x.code), ' ',
      x.overdue ? h('span', { class: 'badge overdue', 'data-testid': 'overdue-badge' }, t('overdueBadge'))
        : isDueSoon(x, now) ? h('span', { class: 'badge soon', 'data-testid': 'due-soon-badge' }, t('dueSoonBadge')) : null),
    h('td', {}, x.procedureCode ?? '–'),
    h('td', {}, x.communeCode ?? '–'),
    h('td', {}, x.statusText),
    h('td', {}, fmtDate(x.dueAt)),
    h('td', {}, apologyCell(x))))
    : [h('tr', {}, h('td', { colspan: 6 }, emptyText))];
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { id }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, rows)));
}

const isDueSoon = (x, now) => !x.overdue && x.status !== 'SUPPLEMENT_REQUESTED' && (x.dueSoonWarned || (x.dueAt != null && x.dueAt - now < DUE_SOON_MS));

function agencyView(d) {
  if (state.claims.role === 'OPERATOR') return h('p', { class: 'notice' }, t('agencyNotAllowed'));
  const parts = [];
  if (state.claims.role === 'SUPERVISOR') {
    const known = (d.stats?.by === 'agency' ? d.stats.rows : []).map((r) => h('option', { value: r.key }, r.name ?? r.key));
    parts.push(h('form', { class: 'period', onsubmit: (e) => { e.preventDefault(); state.agencyId = e.target.agency.value.trim(); generation++; refresh(); } },
      h('div', { class: 'field' }, h('label', { for: 'agency-pick' }, t('chooseAgency')),
        h('input', { id: 'agency-pick', name: 'agency', list: 'agency-list', value: state.agencyId ?? '', required: true, size: 18, pattern: '[A-Z0-9.]+', 'data-testid': 'agency-pick' }),
        h('datalist', { id: 'agency-list' }, known)),
      h('button', { type: 'submit', 'data-focus-key': 'agency-show' }, t('show'))));
  }
  if (!state.agencyId || !d.queue) return h('div', {}, parts);
  const now = Date.now();
  const overdue = d.queue.filter((x) => x.overdue);
  const soon = d.queue.filter((x) => isDueSoon(x, now));
  const agencyRow = d.stats?.by === 'agency' ? d.stats.rows.find((r) => r.key === state.agencyId) : null;
  const agencyName = agencyRow?.name ? `${agencyRow.name} (${state.agencyId})` : state.agencyId;
  parts.push(h('h2', {}, t('queueTitle', agencyName)),
    h('div', { class: 'grid2' },
      dossierTable('overdue-table', `${t('overdueList')} (${fmtInt(overdue.length)})`, overdue, t('noDossiers')),
      dossierTable('due-soon-table', `${t('dueSoonList')} (${fmtInt(soon.length)})`, soon, t('noDossiers'))),
    dossierTable('queue-table', `${t('workQueue')} (${fmtInt(d.queue.length)})`, d.queue, t('noDossiers')));
  return h('div', {}, parts);
}

function proceduresView(d) {
  const columns = [
    { key: 'name', label: t('procedure'), value: (r) => r.name ?? r.key, render: nameAndKey },
    { key: 'received', label: t('received'), numeric: true, value: (r) => r.received, render: (r) => fmtInt(r.received) },
    { key: 'completed', label: t('completed'), numeric: true, value: (r) => r.completed, render: (r) => fmtInt(r.completed) },
    { key: 'completedLate', label: t('completedLate'), numeric: true, value: (r) => r.completedLate, render: (r) => fmtInt(r.completedLate) },
    { key: 'onTimeRate', label: t('onTimeRate'), numeric: true, value: (r) => r.onTimeRate, render: (r) => fmtPct(r.onTimeRate) },
    { key: 'overdueNow', label: t('overdueNow'), numeric: true, value: (r) => r.overdueNow, render: (r) => fmtInt(r.overdueNow) },
    { key: 'warning', label: t('warning'), value: (r) => WARNING_ORDER[r.warning], render: (r) => warningBadge(r.warning) },
  ];
  return sortableTable({ id: 'procedures-table', caption: `${t('tabs.procedures')} · ${scopeLabel()} · ${fmtDate(state.from)} – ${fmtDate(state.to)}`,
    columns, rows: d.stats?.by === 'procedure' ? d.stats.rows : [], sortState: state.sort.procedures, rowKey: (r) => r.key });
}

const INDICATORS = {
  onTimeRate: { format: fmtPct, max: 1 },
  overdueNow: { format: fmtInt },
  dueSoon: { format: fmtInt },
  received: { format: fmtInt },
  completed: { format: fmtInt },
  onlineRate: { format: fmtPct, max: 1 },
  satisfaction: { format: fmtSatisfaction, max: 5 },
};

function trendView(d) {
  const select = h('select', { id: 'indicator', 'data-focus-key': 'indicator', 'data-testid': 'indicator', onchange: (e) => { state.indicator = e.target.value; renderDashboard(); } },
    Object.keys(INDICATORS).map((k) => h('option', { value: k, selected: k === state.indicator }, t(k))));
  const spec = INDICATORS[state.indicator];
  const series = d.stats?.by === 'day' ? d.stats.rows : [];
  const points = series.map((p) => ({ label: fmtDate(p.key).slice(0, 5), date: p.key, value: p[state.indicator] ?? null }));
  const known = points.filter((p) => p.value != null);
  const title = t('trendTitle', t(state.indicator));
  return h('div', {},
    h('div', { class: 'field inline' }, h('label', { for: 'indicator' }, t('indicator')), select),
    h('h2', {}, title),
    known.length ? [
      h('figure', { class: 'chart-box' }, lineChart(points, { title, format: spec.format, max: spec.max }),
        h('figcaption', { class: 'muted' }, `${scopeLabel()} · ${fmtDate(state.from)} – ${fmtDate(state.to)}`)),
      // the same numbers as a table, for screen readers and for copying into a report
      h('details', { class: 'trend-data' }, h('summary', {}, t('trendTable')),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('date')), h('th', { scope: 'col', class: 'num' }, t(state.indicator)))),
          h('tbody', {}, points.map((p) => h('tr', {}, h('th', { scope: 'row' }, fmtDate(p.date)), h('td', { class: 'num' }, spec.format(p.value)))))))]
      : h('p', {}, t('trendEmpty')));
}

// ---- start ----------------------------------------------------------------------------------------------------------
state.claims = state.token ? api.claimsOf(state.token) : null;
if (state.claims && (!ROLES.includes(state.claims.role) || (state.claims.expiresAt && state.claims.expiresAt < Date.now()))) {
  api.saveToken(null);
  state.token = null;
  state.claims = null;
}
if (state.claims) state.tab = tabsFor(state.claims.role)[0];
render();
api.localModeAvailable().then((local) => {
  state.localMode = local;
  const form = document.getElementById('local-signin');
  if (form) form.hidden = !local;
});
if (state.token && state.claims) refresh().then(startPolling);
