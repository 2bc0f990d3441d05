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

// ---- stats (stats-api, /work/notes/STATS-CONTRACT.md) ---------------------------------------------------------------
// GET /stats?province=|agency=|commune=&from=&to=&by=agency|commune|procedure|day; no scope parameter = the caller's own.

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ratio = (a, b) => (a == null || !b ? null : a / b);

/** The board's model of one set of indicators. Rates are fractions 0..1; satisfaction is the mean score (1..5). */
export function indicatorsOf(raw) {
  const r = raw ?? {};
  const received = num(r.received);
  const completed = num(r.completed);
  const onTime = num(r.completedOnTime);
  return {
    received,
    accepted: num(r.accepted),
    completed,
    completedOnTime: onTime,
    completedLate: num(r.completedLate),
    overdueNow: num(r.overdueNow),
    dueSoon: num(r.dueSoon),
    online: num(r.online),
    ratingCount: num(r.ratingCount),
    onTimeRate: num(r.onTimeRate) ?? ratio(onTime, completed),
    onlineRate: num(r.onlineRate) ?? ratio(num(r.online), received),
    satisfaction: num(r.satisfaction) ?? ratio(num(r.ratingSum), num(r.ratingCount)),
  };
}

const WARNINGS = new Set(['NONE', 'WATCH', 'ALERT']);

/** The board's model of a stats answer: scope, totals and the ranking rows (or the daily series for by=day). */
export function normaliseStats(json) {
  return {
    scope: json?.scope ?? null,
    from: json?.from ?? null,
    to: json?.to ?? null,
    by: json?.by ?? null,
    generatedAt: json?.generatedAt ? Date.parse(json.generatedAt) : null,
    totals: indicatorsOf(json?.totals),
    rows: (Array.isArray(json?.rows) ? json.rows : []).map((row) => ({
      key: String(row.key ?? ''),
      name: typeof row.name === 'string' ? row.name : null,
      warning: WARNINGS.has(row.warning) ? row.warning : 'NONE',
      ...indicatorsOf(row),
    })),
  };
}

/**
 * GET /stats. scope: null (the caller's own scope) or { kind: 'province'|'agency'|'commune', code }.
 * Answers null when the route does not exist on this deployment (404 ROUTE_NOT_FOUND) so queues still show.
 */
export async function stats({ token, scope, from, to, by, language }) {
  const q = new URLSearchParams();
  if (scope?.kind && scope.code) q.set(scope.kind, scope.code);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (by) q.set('by', by);
  try {
    return normaliseStats(await request(`/stats?${q}`, { token, language }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code === 'ROUTE_NOT_FOUND') return null;
    throw e;
  }
}

// ---- work queues (processing-api: GET /agencies/{id}/dossiers?status=&dueBefore=) -------------------------------

const OPEN_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'APPROVED'];

/**
 * Only what the board shows of a dossier: code, procedure, commune, status, due date and the SLA fields. Applicant
 * fields (names, ids, phones) and slips are dropped here even though the queue answer carries some of them.
 */
export function queueItemOf(d, now = Date.now()) {
  const dueAt = d.dueAt ? Date.parse(d.dueAt) : null;
  const paused = d.status === 'SUPPLEMENT_REQUESTED'; // the clock stops while the applicant supplements
  const apology = d.apology && typeof d.apology === 'object' ? d.apology : null;
  return {
    code: String(d.code ?? ''),
    status: d.status,
    statusText: d.statusText ?? d.status,
    procedureCode: d.procedureCode ?? null,
    communeCode: d.communeCode ?? null,
    dueAt: Number.isNaN(dueAt) ? null : dueAt,
    // the sla-monitor's flag (set on its next run, with the apology slip), or the due date itself until then
    overdue: d.overdue === true || (!paused && dueAt != null && dueAt < now),
    flagged: d.overdue === true,
    dueSoonWarned: Boolean(d.dueSoonWarnedAt),
    apology: apology
      ? { issued: true, issuedAt: apology.issuedAt ?? null, newDueAt: apology.newDueAt ?? null, reason: apology.reason ?? null }
      : { issued: false },
  };
}

/** The agency's open dossiers (every open status, up to 100 each), earliest due first. */
export async function agencyQueue({ token, agencyId, language }) {
  const pages = await Promise.all(OPEN_STATUSES.map((status) =>
    request(`/agencies/${encodeURIComponent(agencyId)}/dossiers?status=${status}&limit=100`, { token, language })));
  const now = Date.now();
  return pages.flatMap((p) => p?.items ?? []).map((d) => queueItemOf(d, now))
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.code.localeCompare(b.code));
}
