// The board's only door to the APIs. Everything the views read goes through here, normalised to the board's own
// model, so a change in the stats contract (issue 8) is a change in this one file.

const TOKEN_KEY = 'dvc-board-token';

/** API base: same origin by default (local runner at :3000, or CloudFront in front of the HTTP API). */
export function apiBase() {
  const configured = document.querySelector('meta[name="dvc-api-base"]')?.content?.trim();
  return configured ? configured.replace(/\/$/, '') : '';
}

export function savedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The claims of a JWT (not verified here: the API verifies; the board only needs the role and scope). */
export function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const c = JSON.parse(json);
    return { role: c.role, provinceCode: c.province ?? null, agencyId: c.agency ?? null, expiresAt: c.exp ? c.exp * 1000 : null };
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function request(path, { token, method = 'GET', body, language = 'vi' } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': language };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(apiBase() + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) {
    const message = json?.messages?.[language] ?? (typeof json?.message === 'string' ? json.message : null);
    throw new ApiError(response.status, json?.code, message);
  }
  return json;
}

/** Local mode only: the local runner's development token endpoint. */
export async function localToken({ role, provinceCode, agencyId }) {
  const body = { role, subject: `board-${role.toLowerCase()}` };
  if (provinceCode) body.provinceCode = provinceCode;
  if (agencyId) body.agencyId = agencyId;
  const json = await request('/_local/token', { method: 'POST', body });
  return json.token;
}

export async function localModeAvailable() {
  try {
    const r = await fetch(apiBase() + '/_local/health');
    return r.ok;
  } catch {
    return false;
  }
}

// ---- stats (issue 8: GET /stats?scope=province|agency|commune|procedure|national&id=&from=&to=) -----------------

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : v == null || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null);
const pick = (o, ...names) => { for (const n of names) { if (o && o[n] !== undefined && o[n] !== null) return o[n]; } return undefined; };
const ratio = (a, b) => (a == null || !b ? null : a / b);

/**
 * One set of indicators, whatever the nesting the API uses (flat, or under counts/indicators/rates).
 * Rates are fractions 0..1 in the board's model; the API may send fractions or percentages.
 */
export function indicatorsOf(raw) {
  const src = { ...(raw ?? {}), ...(raw?.counts ?? {}), ...(raw?.indicators ?? {}), ...(raw?.totals ?? {}) };
  const rates = { ...(raw?.rates ?? {}) };
  const received = num(pick(src, 'received', 'receivedCount'));
  const onTime = num(pick(src, 'completedOnTime', 'onTime'));
  const late = num(pick(src, 'completedLate', 'late'));
  const online = num(pick(src, 'online', 'receivedOnline', 'onlineCount'));
  const counter = num(pick(src, 'counter', 'receivedCounter'));
  const assisted = num(pick(src, 'assisted', 'receivedAssisted'));
  const satisfactionSum = num(pick(src, 'satisfactionSum'));
  const satisfactionCount = num(pick(src, 'satisfactionCount'));
  const asFraction = (v) => { const n = num(v); return n == null ? null : n > 1 ? n / 100 : n; };
  const channels = [online, counter, assisted].some((v) => v != null) ? (online ?? 0) + (counter ?? 0) + (assisted ?? 0) : received;
  return {
    received,
    accepted: num(pick(src, 'accepted')),
    completedOnTime: onTime,
    completedLate: late,
    overdueNow: num(pick(src, 'overdueNow', 'overdue')),
    online,
    onTimeRate: asFraction(pick(rates, 'onTime', 'onTimeRate') ?? pick(src, 'onTimeRate')) ?? ratio(onTime, (onTime ?? 0) + (late ?? 0)),
    onlineShare: asFraction(pick(rates, 'online', 'onlineRate', 'onlineShare') ?? pick(src, 'onlineRate', 'onlineShare')) ?? ratio(online, channels),
    // satisfaction as a fraction of the best score (Decision 766 reports it as a percentage)
    satisfaction: asFraction(pick(rates, 'satisfaction', 'satisfactionRate') ?? pick(src, 'satisfactionRate', 'satisfaction'))
      ?? ratio(satisfactionSum, satisfactionCount == null ? null : satisfactionCount * 5),
  };
}

function rowsOf(list, idNames) {
  return (Array.isArray(list) ? list : []).map((r) => ({
    id: String(pick(r, ...idNames) ?? ''),
    name: pick(r, 'name', 'nameVi', 'label') ?? null,
    warning: Boolean(pick(r, 'earlyWarning', 'warning', 'flagged') ?? (Array.isArray(r.warnings) && r.warnings.length > 0)),
    warningReason: pick(r, 'warningReason', 'reason') ?? (Array.isArray(r.warnings) ? r.warnings.join(', ') : null),
    ...indicatorsOf(r),
  }));
}

/** The board's model of a stats answer: totals, per-unit rows, per-procedure rows and a daily series. */
export function normaliseStats(json) {
  const ranking = pick(json, 'ranking', 'agencies', 'agencyRanking');
  const units = pick(json, 'units', 'communes', 'breakdown');
  const procedures = pick(json, 'procedures', 'byProcedure');
  const series = pick(json, 'days', 'series', 'daily', 'trend');
  return {
    totals: indicatorsOf(pick(json, 'totals', 'indicators') ? json : json),
    agencies: rowsOf(ranking, ['agencyId', 'id', 'agency']),
    units: rowsOf(units, ['communeCode', 'id', 'code']),
    procedures: rowsOf(procedures, ['procedureCode', 'code', 'id']),
    series: (Array.isArray(series) ? series : []).map((d) => ({ date: pick(d, 'date', 'day'), ...indicatorsOf(d) })).filter((d) => d.date),
  };
}

/** GET /stats; null when the stats API is not deployed yet (404 on the route) so the board still shows queues. */
export async function stats({ token, scope, id, from, to, language }) {
  const q = new URLSearchParams({ scope });
  if (id) q.set('id', id);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  try {
    return normaliseStats(await request(`/stats?${q}`, { token, language }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

// ---- work queues (processing-api: GET /agencies/{id}/dossiers?status=&dueBefore=) -------------------------------

const OPEN_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'APPROVED'];

/**
 * Only what the board shows of a dossier. Applicant fields are dropped here even if an API ever sends them:
 * the board never displays personal data.
 */
export function queueItemOf(d, now = Date.now()) {
  const dueAt = d.dueAt ? Date.parse(d.dueAt) : null;
  const slip = d.apologySlip ?? d.apology ?? null;
  return {
    code: d.code,
    status: d.status,
    statusText: d.statusText ?? d.status,
    procedureCode: d.procedureCode,
    communeCode: d.communeCode,
    dueAt,
    overdue: d.overdue === true || (dueAt != null && dueAt < now),
    apology: slip ? { issued: true, newDueAt: pick(slip, 'newDueAt', 'newAppointmentAt', 'appointmentAt', 'dueAt') ?? null } : { issued: false },
  };
}

export async function agencyQueue({ token, agencyId, language }) {
  const pages = await Promise.all(OPEN_STATUSES.map((status) =>
    request(`/agencies/${encodeURIComponent(agencyId)}/dossiers?status=${status}&limit=100`, { token, language })));
  const now = Date.now();
  return pages.flatMap((p) => p?.items ?? []).map((d) => queueItemOf(d, now))
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
}
