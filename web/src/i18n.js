// Vietnamese by default, English on request. Numbers, percentages and dates follow Vietnamese conventions
// (10.000 · 95,5 % · 23/11/2026) in both languages: officials compare the board with Vietnamese reports.

const STRINGS = {
  vi: {
    title: 'Bảng theo dõi giải quyết thủ tục hành chính',
    skip: 'Bỏ qua đến nội dung chính',
    language: 'English',
    languageLabel: 'Switch to English',
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    signInIntro: 'Dán mã truy cập (token) được cấp cho bạn.',
    token: 'Mã truy cập (JWT)',
    useToken: 'Dùng mã này',
    localTitle: 'Chế độ phát triển cục bộ',
    localIntro: 'Lấy mã thử nghiệm từ máy chạy cục bộ cho một vai trò.',
    role: 'Vai trò',
    provinceCode: 'Mã tỉnh',
    agencyId: 'Mã cơ quan',
    getToken: 'Lấy mã và đăng nhập',
    roles: { SUPERVISOR: 'Lãnh đạo tỉnh (giám sát)', OFFICIAL: 'Cán bộ cơ quan', OPERATOR: 'Quản trị hệ thống' },
    scope: 'Phạm vi',
    scopeNational: 'Toàn quốc',
    scopeProvince: (p) => `Tỉnh/thành phố ${p}`,
    scopeAgency: (a) => `Cơ quan ${a}`,
    period: 'Khoảng thời gian',
    from: 'Từ ngày',
    to: 'Đến ngày',
    apply: 'Áp dụng',
    tabs: { overview: 'Tổng quan', agency: 'Cơ quan', procedures: 'Thủ tục', trend: 'Xu hướng' },
    updated: (t) => `Cập nhật lúc ${t} · tự làm mới mỗi 30 giây`,
    refreshing: 'Đang làm mới…',
    statsUnavailable: 'Chưa có dịch vụ thống kê (GET /stats) trên hệ thống này; các hàng đợi hồ sơ vẫn được hiển thị.',
    noRows: 'Chưa có số liệu trong khoảng thời gian này.',
    unit: 'Đơn vị',
    agency: 'Cơ quan',
    procedure: 'Thủ tục',
    onTimeRate: 'Tỉ lệ đúng hạn',
    overdueNow: 'Đang quá hạn',
    receivedToday: 'Tiếp nhận hôm nay',
    received: 'Tiếp nhận',
    onlineShare: 'Tỉ lệ trực tuyến',
    satisfaction: 'Mức độ hài lòng',
    completed: 'Đã giải quyết',
    warning: 'Cảnh báo sớm',
    warningBadge: 'Chậm',
    sortBy: (c) => `Sắp xếp theo ${c}`,
    kpis: 'Chỉ số chính',
    queueTitle: (a) => `Hàng đợi hồ sơ của ${a}`,
    chooseAgency: 'Chọn cơ quan',
    show: 'Xem',
    agencyNotAllowed: 'Vai trò quản trị không xem hàng đợi hồ sơ của cơ quan; hãy dùng bảng tổng quan.',
    overdueList: 'Hồ sơ quá hạn',
    dueSoonList: 'Hồ sơ sắp đến hạn (trong 2 ngày)',
    workQueue: 'Hàng đợi theo hạn giải quyết',
    code: 'Mã hồ sơ',
    status: 'Trạng thái',
    dueAt: 'Hạn giải quyết',
    apology: 'Phiếu xin lỗi',
    apologyIssued: (d) => (d ? `Đã gửi · hẹn lại ${d}` : 'Đã gửi'),
    apologyMissing: 'Chưa gửi',
    overdueBadge: 'Quá hạn',
    dueSoonBadge: 'Sắp đến hạn',
    noDossiers: 'Không có hồ sơ.',
    indicator: 'Chỉ số',
    trendTitle: (i) => `Diễn biến: ${i}`,
    trendEmpty: 'Chưa có số liệu theo ngày.',
    error: 'Không tải được dữ liệu',
    signedInAs: (r) => `Đăng nhập: ${r}`,
  },
  en: {
    title: 'Administrative procedures monitoring board',
    skip: 'Skip to main content',
    language: 'Tiếng Việt',
    languageLabel: 'Chuyển sang tiếng Việt',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signInIntro: 'Paste the access token you were given.',
    token: 'Access token (JWT)',
    useToken: 'Use this token',
    localTitle: 'Local development mode',
    localIntro: 'Get a test token from the local runner for a role.',
    role: 'Role',
    provinceCode: 'Province code',
    agencyId: 'Agency id',
    getToken: 'Get token and sign in',
    roles: { SUPERVISOR: 'Provincial supervisor', OFFICIAL: 'Agency official', OPERATOR: 'System operator' },
    scope: 'Scope',
    scopeNational: 'Nationwide',
    scopeProvince: (p) => `Province ${p}`,
    scopeAgency: (a) => `Agency ${a}`,
    period: 'Period',
    from: 'From',
    to: 'To',
    apply: 'Apply',
    tabs: { overview: 'Overview', agency: 'Agency', procedures: 'Procedures', trend: 'Trend' },
    updated: (t) => `Updated at ${t} · refreshes every 30 seconds`,
    refreshing: 'Refreshing…',
    statsUnavailable: 'The statistics service (GET /stats) is not available here yet; work queues are still shown.',
    noRows: 'No figures for this period yet.',
    unit: 'Unit',
    agency: 'Agency',
    procedure: 'Procedure',
    onTimeRate: 'On-time rate',
    overdueNow: 'Overdue now',
    receivedToday: 'Received today',
    received: 'Received',
    onlineShare: 'Online share',
    satisfaction: 'Satisfaction',
    completed: 'Completed',
    warning: 'Early warning',
    warningBadge: 'Slow',
    sortBy: (c) => `Sort by ${c}`,
    kpis: 'Key indicators',
    queueTitle: (a) => `Work queue of ${a}`,
    chooseAgency: 'Choose agency',
    show: 'Show',
    agencyNotAllowed: 'Operators do not see agencies\u2019 work queues; use the overview.',
    overdueList: 'Overdue dossiers',
    dueSoonList: 'Due soon (within 2 days)',
    workQueue: 'Work queue by due date',
    code: 'Dossier code',
    status: 'Status',
    dueAt: 'Due',
    apology: 'Apology slip',
    apologyIssued: (d) => (d ? `Sent · new date ${d}` : 'Sent'),
    apologyMissing: 'Not sent',
    overdueBadge: 'Overdue',
    dueSoonBadge: 'Due soon',
    noDossiers: 'No dossiers.',
    indicator: 'Indicator',
    trendTitle: (i) => `Trend: ${i}`,
    trendEmpty: 'No daily figures yet.',
    error: 'Could not load data',
    signedInAs: (r) => `Signed in: ${r}`,
  },
};

let language = localStorage.getItem('dvc-board-lang') === 'en' ? 'en' : 'vi';

export const lang = () => language;
export function setLang(next) {
  language = next === 'en' ? 'en' : 'vi';
  localStorage.setItem('dvc-board-lang', language);
  document.documentElement.lang = language;
}
export const t = (key, ...args) => {
  const v = key.split('.').reduce((o, k) => o?.[k], STRINGS[language]) ?? key;
  return typeof v === 'function' ? v(...args) : v;
};

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const VN_OFFSET_MS = 7 * 3600 * 1000; // Vietnam has no daylight saving time

/** 10000 -> "10.000"; missing -> "–". */
export const fmtInt = (n) => (n == null ? '–' : integer.format(n));
/** 0.955 -> "95,5 %". */
export const fmtPct = (fraction) => (fraction == null ? '–' : `${oneDecimal.format(fraction * 100)} %`);

const pad = (n) => String(n).padStart(2, '0');
const vnParts = (ms) => { const d = new Date(ms + VN_OFFSET_MS); return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() }; };
/** Instant (ms) or ISO string -> "dd/MM/yyyy" in Vietnam time. */
export function fmtDate(value) {
  if (value == null) return '–';
  const ms = typeof value === 'number' ? value : /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value + 'T00:00:00+07:00') : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  const p = vnParts(ms);
  return `${pad(p.d)}/${pad(p.m)}/${p.y}`;
}
export function fmtDateTime(ms) {
  const p = vnParts(ms);
  return `${pad(p.h)}:${pad(p.min)} ${pad(p.d)}/${pad(p.m)}/${p.y}`;
}
export function fmtTime(ms) {
  const p = vnParts(ms);
  return `${pad(p.h)}:${pad(p.min)}:${pad(p.s)}`;
}
/** Today's date in Vietnam, "YYYY-MM-DD" (the API's date format). */
export function isoDay(ms = Date.now()) {
  const p = vnParts(ms);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}
